/**
 * Where the end-to-end tests find the action: a copy of action.yml and the sub-actions with
 * bundles built from src/ as it is now (scripts/action-bundles.js, run by the jest global setup),
 * never the committed dist/.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTION_ROOT } from '../scripts/action-bundles.js';

export { ACTION_ROOT };
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** A stage's bundle in the tests' copy of the action (`cli`, `coordinate`, ...). */
export const bundlePath = (entry: string): string => join(ACTION_ROOT, 'dist', entry, 'index.js');
