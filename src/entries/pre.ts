import { preStage } from '../stages/pre.js';
import { coreIO } from '../stages/runtime.js';

await preStage(coreIO);
