import { main } from '../stages/monitor.js';

await main();
