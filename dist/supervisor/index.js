import { start } from '../action/index.js';

await start('supervisor', import.meta.url);
