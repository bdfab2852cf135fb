import { start } from '../action/index.js';

await start('monitor', import.meta.url);
