import { start } from '../action/index.js';

await start('finalize', import.meta.url);
