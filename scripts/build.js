// The committed bundles: dist/<stage>/index.js for action.yml and the sub-actions.
import { bundle } from './bundle.js';

await bundle('dist');
