import { main } from '../stages/finalize.js';

await main();
