// setupFilesAfterEnv: tells the IAM policy check (global-teardown.ts) that this test file ran to its
// end, so that the check runs only after a run of every test file.
import { recordSuiteDone } from '../../test-rig/aws-calls.js';

afterAll(() => {
  const { testPath } = expect.getState();
  if (testPath !== undefined) recordSuiteDone(testPath);
});
