/**
 * The second half of the property suite's random schedules (schedules.test.ts has the first, and
 * the situations that used to make two holders): the same checks, on seeds 161 to 200.
 */
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import { expectSweepSafe, sweep } from './sweep.js';
import { scratchRunnerTemp } from '../../test-rig/schedules.js';

let rig: DynamoRig;
let cleanUp: () => void;

beforeAll(async () => {
  cleanUp = scratchRunnerTemp();
  rig = await DynamoRig.start();
});
afterAll(async () => {
  await rig.close();
  cleanUp();
});

const FIRST = 161;
const LAST = 200;

describe('random schedules of the real stages, continued', () => {
  it(`schedules ${FIRST} to ${LAST}: one holder at a time, FIFO among live waiters, takeovers only after a lease of silence`, async () => {
    expectSweepSafe(await sweep(rig, FIRST, LAST));
  }, 180_000);
});
