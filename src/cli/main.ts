import { parseArgs } from 'node:util';
import { ConfigError, parseConfig, type Config } from '../config/config.js';
import { Inputs, type InputName } from '../config/inputs.js';
import { ExitCode } from '../config/state.js';
import { reportFindings } from '../coordination/report-findings.js';
import { newCorrelationId } from '../domain/correlation-id.js';
import { displayText } from '../domain/display.js';
import { createLogger, type LogSink } from '../report/logger.js';
import { runContext } from '../runtime/run-context.js';
import { TABLE_VARIABLE, needTable, type Command, type CommandContext } from './command.js';
import { COMMANDS } from './commands.js';
import {
  corruptFinding,
  isCorrupt,
  isMisconfiguration,
  misconfiguredFinding
} from './stored-text.js';
import { envValue } from '../runtime/env.js';
import { processIO, questioner, type CliIO } from './io.js';

const USAGE = `Usage: deploy-coordinator <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(11)} ${c.summary}`)
  .join('\n')}

Run 'deploy-coordinator <command> --help' for a command's options.
The table and the region may come from the shell: ${TABLE_VARIABLE}, AWS_REGION
(then AWS_DEFAULT_REGION); --registry-table and --region win over them.
Exit status: 0 ok, 2 another deployment is active, 1 anything else.`;

/** The options every command takes; --stack-name is optional for some. */
function common(command: Command): string {
  const stacks = command.stackNameOptional ? 'optional here' : 'required';
  return `Options (the action's inputs, same names and defaults):
  --stack-name NAMES         stacks, comma separated (${stacks})
  --environment NAME         lock scope (default: the first stack name)
  --region REGION            default AWS_REGION, then AWS_DEFAULT_REGION
  --registry-table TABLE     the DynamoDB registry table (default: ${TABLE_VARIABLE}, else
                             CloudFormation only)
  --json                     machine-readable output
  --help                     this help
Flags win over the environment variables.`;
}

/** The action's inputs that make sense on a command line. */
const CONFIG_OPTIONS: readonly InputName[] = [
  Inputs.StackName,
  Inputs.Environment,
  Inputs.Region,
  Inputs.RegistryTable,
  Inputs.WaitTimeoutMinutes,
  Inputs.PollIntervalSeconds,
  Inputs.LeaseMinutes,
  Inputs.CorrelationId,
  Inputs.ExpectedDurationMinutes
];

/** Lines to stderr, so stdout holds only the command's result (and --json stays parseable). */
const stderrSink = (stderr: CliIO['stderr']): LogSink => ({
  info: (m) => stderr(`${m}\n`),
  debug: () => undefined,
  warning: (m) => stderr(`warning: ${m}\n`),
  error: (m) => stderr(`error: ${m}\n`)
});

/**
 * The CLI's entry, and the one place it reads and writes its process (`io`): its streams, and its
 * environment, from which the region, the operator's name and the workflow run are passed down.
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const { env } = io;
  const out = (t: string): void => io.stdout(`${t}\n`);
  const [name, ...rest] = argv;
  if (!name) {
    io.stderr(`${USAGE}\n`);
    return ExitCode.Failed;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    out(USAGE);
    return ExitCode.Ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`Unknown command '${displayText(name, 80)}'.\n\n${USAGE}\n`);
    return ExitCode.Failed;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(CONFIG_OPTIONS.map((o) => [o, { type: 'string' as const }])),
        ...command.options,
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    }));
  } catch (err) {
    // Node's message quotes the option as typed.
    io.stderr(
      `${displayText((err as Error).message, 2000)}\n\nRun 'deploy-coordinator ${name} --help'.\n`
    );
    return ExitCode.Failed;
  }
  if (values['help']) {
    out(
      `Usage: deploy-coordinator ${name} ${command.usage}\n\n${command.summary}\n\n${command.help ? `${command.help}\n\n` : ''}${common(command)}`
    );
    return ExitCode.Ok;
  }

  let config: Config;
  // A flag wins, even an empty one (--registry-table= is CloudFormation only).
  const tableFromShell =
    typeof values[Inputs.RegistryTable] === 'string' ? undefined : envValue(TABLE_VARIABLE, env);
  try {
    config = parseConfig(
      (input) =>
        typeof values[input] === 'string'
          ? values[input]
          : input === Inputs.RegistryTable
            ? (tableFromShell ?? '')
            : '',
      env,
      { stackNameOptional: command.stackNameOptional }
    );
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The same checks as the action, in the command line's words: 'stack-name' -> --stack-name.
    const message = tableFromShell
      ? err.message.replaceAll(`'${Inputs.RegistryTable}'`, `${TABLE_VARIABLE}`)
      : err.message;
    const text = Object.values(Inputs).reduce(
      (m, input) => m.replaceAll(`'${input}'`, `--${input}`),
      message
    );
    io.stderr(`${text}\n`);
    return ExitCode.Failed;
  }
  const refused = needTable(name, command, config);
  if (refused) {
    io.stderr(`${refused}\n`);
    return ExitCode.Failed;
  }
  const correlationId = config.correlationId ?? newCorrelationId();
  const ctx: CommandContext = {
    config,
    options: values,
    json: Boolean(values['json']),
    log: createLogger(correlationId, stderrSink(io.stderr)),
    out,
    err: (t) => io.stderr(`${t}\n`),
    questions: () => questioner(io),
    terminal: io.terminal,
    operator: env['USER'] || env['GITHUB_ACTOR'] || 'unknown',
    run: runContext(env)
  };
  try {
    return await command.run(ctx);
  } catch (err) {
    // The table missing, access denied, another key schema: what the action says of it.
    if (isMisconfiguration(err)) {
      reportFindings(ctx.log, [misconfiguredFinding(config.registryTable, err.message)]);
      return ExitCode.Failed;
    }
    // An item of the lock or the queue that does not decode: named, with its repair.
    if (isCorrupt(err)) {
      reportFindings(ctx.log, [corruptFinding(config.registryTable, err)]);
      return ExitCode.Failed;
    }
    io.stderr(
      `error: ${displayText(String((err as Error).name))}: ${displayText(String((err as Error).message), 2000)}\n`
    );
    return ExitCode.Failed;
  }
}
