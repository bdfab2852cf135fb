import { start } from '../action/index.js';

await start('coordinate', import.meta.url);
