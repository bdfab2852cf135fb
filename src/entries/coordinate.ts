import { main } from '../stages/coordinate.js';

await main();
