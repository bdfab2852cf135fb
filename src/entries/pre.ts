import { preStage } from '../stages/pre.js';
import { coreIO } from '../runtime/stage.js';

await preStage(coreIO);
