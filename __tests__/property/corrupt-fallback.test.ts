import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import {
  checkSchedule,
  narrate,
  runSchedule,
  scratchRunnerTemp,
  type JobPlan
} from '../../test-rig/schedules.js';

// A waiter cut off from the table falls back to CloudFormation alone while a holder deploys; the
// table comes back while its LOCK item is unreadable. Whenever the waiter's outage ends (during its
// wait, or after it acquired on CloudFormation alone, behind a slow Slack, before its last look),
// it ends blocked on the table's answer (REGISTRY_CORRUPT), never deploys, and no rule is broken.

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

const base: JobPlan = {
  arrivalMs: 0,
  fate: 'normal',
  fateDelayMs: 0,
  waitTimeoutMs: 120_000,
  deploy: {
    startAfterMs: 500,
    durationMs: 20_000,
    fails: false,
    disableRollback: false,
    tailMs: 6_000,
    waits: true
  },
  warnings: 'proceed',
  answerAfterMs: 1_000,
  faults: []
};

it.each([20_000, 21_000, 22_000])(
  "a waiter whose outage ends after %d ms, the LOCK unreadable meanwhile: blocked on the table's answer, never deploying",
  async (outageMs) => {
    const result = await runSchedule(
      rig,
      {
        seed: 91_000 + outageMs / 100,
        leaseMs: 6_000,
        pollMs: 500,
        jobs: [
          base,
          {
            ...base,
            arrivalMs: 1_000,
            deploy: { ...base.deploy, durationMs: 4_000, tailMs: 500 },
            faults: [{ kind: 'outage', fromMs: 0, durationMs: outageMs }]
          }
        ],
        faults: [],
        slack: { delayMs: 2_000, rateLimited: false },
        repair: { durationMs: 1_000, fails: false },
        corrupt: { fromMs: 2_000, durationMs: 28_000 }
      },
      `corrupt-fallback-${outageMs}`
    );
    const why = narrate(result);
    expect({ violations: checkSchedule(result), why }).toEqual({ violations: [], why });
    const [holder, waiter] = result.jobs;
    expect(holder?.result).toBe('acquired');
    expect(waiter?.result).toBe('blocked');
    expect(waiter?.deployStartedAt).toBeUndefined();
    expect(waiter?.annotations.some((a) => /REGISTRY_CORRUPT/.test(a))).toBe(true);
    expect(waiter?.annotations.some((a) => /Falling back to CloudFormation-only/.test(a))).toBe(
      true
    );
  },
  60_000
);
