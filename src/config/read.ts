import * as core from '@actions/core';
import { parseConfig, type Config } from './config.js';
import { Inputs, SECRET_INPUTS, type InputName } from './inputs.js';
import { processEnv, type Env } from '../runtime/env.js';

/** The one place that reads the action's inputs. Secrets are masked before anything else. */
export function readInput(name: InputName): string {
  return core.getInput(name);
}

export function maskSecrets(): void {
  for (const name of SECRET_INPUTS) {
    const value = readInput(name).trim();
    if (value) core.setSecret(value);
  }
}

export function readConfig(env: Env = processEnv): Config {
  maskSecrets();
  return parseConfig(readInput, env);
}

/** The correlation-id input alone, read before the rest so even config errors carry an ID. */
export const readCorrelationIdInput = (): string => readInput(Inputs.CorrelationId).trim();
