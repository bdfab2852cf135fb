import type { Config } from '../config/config.js';
import { safeJson } from '../domain/display.js';
import type { StackReader } from '../ports/cloudformation.js';
import type { Registry } from '../ports/registry.js';
import type { RunContext } from '../ports/run.js';
import type { Logger } from '../ports/runtime.js';
import type { Questioner } from './io.js';
import { cloudFormationReader, openRegistry, type RegistryChoice } from '../runtime/clients.js';

/** The registry table's default in the shell, so an operator sets it once (a flag wins). */
export const TABLE_VARIABLE = 'DEPLOY_COORDINATOR_REGISTRY_TABLE';

/** What a command is given: everything it reads from outside comes through here (main.ts). */
export interface CommandContext {
  readonly config: Config;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  readonly json: boolean;
  readonly log: Logger;
  /** The command's result, on stdout. */
  readonly out: (text: string) => void;
  /** Why a command refuses, on stderr (a line). */
  readonly err: (text: string) => void;
  /** Questions on stderr, their answers from stdin (a line each); closed when done. */
  readonly questions: () => Questioner;
  /** Whether stdout is a terminal. */
  readonly terminal: boolean;
  /** Who runs the command, for records ($USER, else $GITHUB_ACTOR). */
  readonly operator: string;
  /** The workflow run the command runs in, if any. */
  readonly run: RunContext;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly help?: string;
  readonly options: OptionSpec;
  /**
   * Set on the commands that only make sense with a table: why (after "<command> needs
   * --registry-table: "). They are refused without one before any call, instead of acting on
   * CloudFormation's own lock, which no one else can see, or on a history that is not there.
   */
  readonly needsTable?: string;
  /** Set on the commands that work on an environment, or every one, without --stack-name. */
  readonly stackNameOptional?: boolean;
  run(ctx: CommandContext): Promise<number>;
}

/** The refusal of a command that needs a table when none is configured; undefined when it may run. */
export function needTable(name: string, command: Command, config: Config): string | undefined {
  if (!command.needsTable || config.registryTable) return undefined;
  return `${name} needs --registry-table: ${command.needsTable}`;
}

export const registryChoice = (config: Config): RegistryChoice => ({
  table: config.registryTable,
  region: config.region,
  environment: config.environment
});

/** The stacks and the registry of the configured environment (opened, not yet called). */
export async function openClients(
  config: Config
): Promise<{ reader: StackReader; registry: Registry }> {
  const [reader, registry] = await Promise.all([
    cloudFormationReader(config.region),
    openRegistry(registryChoice(config))
  ]);
  return { reader, registry };
}

/** The registry alone, for the commands that do not read the stacks. */
export const registryFor = (config: Config): Promise<Registry> =>
  openRegistry(registryChoice(config));

/** A string option, when given. */
export const str = (ctx: CommandContext, name: string): string | undefined =>
  typeof ctx.options[name] === 'string' ? ctx.options[name] : undefined;

/**
 * The result: `data` as JSON with --json (the stored values exactly, the characters that could act
 * on a terminal as \u escapes: safeJson), else `text` (whose stored texts went through displayText).
 */
export function emit(ctx: CommandContext, data: unknown, text: string): void {
  ctx.out(ctx.json ? safeJson(data, 2) : text);
}

/** Owner tokens stay in the table: they are identities, not something to print. */
export const withoutOwner = <T extends { owner: string }>(x: T): Omit<T, 'owner'> => {
  const { owner: _owner, ...rest } = x;
  return rest;
};
