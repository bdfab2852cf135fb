import * as core from '@actions/core';
import { parseConfig, type Config } from './config.js';
import { Inputs, SECRET_INPUTS, type InputName } from './inputs.js';
import { processEnv, type Env } from '../runtime/env.js';

/** The one place that reads the action's inputs. Secrets are masked before anything else. */
export function readInput(name: InputName): string {
  return core.getInput(name);
}

/**
 * Masks every secret input, and each of its lines on its own: the runner matches masks line by
 * line, so a value spread over lines (pasted with a newline) is hidden in every piece.
 */
export function maskSecrets(): void {
  for (const name of SECRET_INPUTS) {
    const value = readInput(name).trim();
    if (!value) continue;
    core.setSecret(value);
    for (const line of value.split(/\r?\n/)) if (line.trim()) core.setSecret(line.trim());
  }
}

export function readConfig(env: Env = processEnv): Config {
  maskSecrets();
  return parseConfig(readInput, env);
}

/** The correlation-id input alone, read before the rest so even config errors carry an ID. */
export const readCorrelationIdInput = (): string => readInput(Inputs.CorrelationId).trim();
