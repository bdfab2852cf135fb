import type { Command } from './command.js';
import { doctor } from './doctor.js';
import { freeze } from './freeze.js';
import { freezes } from './freezes.js';
import { estimate, history } from './history.js';
import { release, unlock } from './lock.js';
import { canDeploy, wait } from './readiness.js';
import { register } from './register.js';
import { status } from './status.js';
import { thaw } from './thaw.js';

export type { Command, CommandContext } from './command.js';

/** Every command, in the order the usage lists them. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  status,
  'can-deploy': canDeploy,
  wait,
  register,
  release,
  history,
  estimate,
  unlock,
  freeze,
  thaw,
  freezes,
  doctor
};
