import { start } from '../action/index.js';

await start('pre', import.meta.url);
