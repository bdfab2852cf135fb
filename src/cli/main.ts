import { parseArgs } from 'node:util';
import { ConfigError, parseConfig, type Config } from '../config/config.js';
import { Inputs, type InputName } from '../config/inputs.js';
import { ExitCode } from '../config/state.js';
import { newCorrelationId } from '../domain/correlation-id.js';
import { createLogger, type LogSink } from '../report/logger.js';
import { runContext } from '../runtime/run-context.js';
import { needTable, type CommandContext } from './command.js';
import { COMMANDS } from './commands.js';
import { processEnv, type Env } from '../runtime/env.js';

const USAGE = `Usage: deploy-coordinator <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(11)} ${c.summary}`)
  .join('\n')}

Run 'deploy-coordinator <command> --help' for a command's options.
Exit status: 0 ok, 2 another deployment is active, 1 anything else.`;

const COMMON = `Options (the action's inputs, same names and defaults):
  --stack-name NAMES         stacks, comma separated (required)
  --environment NAME         lock scope (default: the first stack name)
  --region REGION            default AWS_REGION, then AWS_DEFAULT_REGION
  --registry-table TABLE     the DynamoDB registry table (default: CloudFormation only)
  --json                     machine-readable output
  --help                     this help`;

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
const stderrSink: LogSink = {
  info: (m) => process.stderr.write(`${m}\n`),
  debug: () => undefined,
  warning: (m) => process.stderr.write(`warning: ${m}\n`),
  error: (m) => process.stderr.write(`error: ${m}\n`)
};

/**
 * The CLI's entry, and the one place it reads its process environment (`env`): the region, the
 * operator's name and the workflow run are passed down from here.
 */
export async function runCli(
  argv: readonly string[],
  out: (text: string) => void = (t) => process.stdout.write(`${t}\n`),
  env: Env = processEnv
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    process.stderr.write(`${USAGE}\n`);
    return ExitCode.Failed;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    out(USAGE);
    return ExitCode.Ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command '${name}'.\n\n${USAGE}\n`);
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
    process.stderr.write(`${(err as Error).message}\n\nRun 'deploy-coordinator ${name} --help'.\n`);
    return ExitCode.Failed;
  }
  if (values['help']) {
    out(
      `Usage: deploy-coordinator ${name} ${command.usage}\n\n${command.summary}\n\n${command.help ? `${command.help}\n\n` : ''}${COMMON}`
    );
    return ExitCode.Ok;
  }

  let config: Config;
  try {
    // A command that names no stacks is checked as if it named one (the freezes name environments).
    const stackless = command.stackless && typeof values[Inputs.StackName] !== 'string';
    config = parseConfig(
      (input) =>
        typeof values[input] === 'string'
          ? values[input]
          : stackless && input === Inputs.StackName
            ? 'NoStack'
            : '',
      env
    );
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The same checks as the action, in the command line's words: 'stack-name' -> --stack-name.
    const text = Object.values(Inputs).reduce(
      (m, input) => m.replaceAll(`'${input}'`, `--${input}`),
      err.message
    );
    process.stderr.write(`${text}\n`);
    return ExitCode.Failed;
  }
  const refused = needTable(name, command, config);
  if (refused) {
    process.stderr.write(`${refused}\n`);
    return ExitCode.Failed;
  }
  const correlationId = config.correlationId ?? newCorrelationId();
  const ctx: CommandContext = {
    config,
    options: values,
    json: Boolean(values['json']),
    log: createLogger(correlationId, stderrSink),
    out,
    err: (t) => process.stderr.write(`${t}\n`),
    operator: env['USER'] || env['GITHUB_ACTOR'] || 'unknown',
    run: runContext(env)
  };
  try {
    return await command.run(ctx);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).name}: ${(err as Error).message}\n`);
    return ExitCode.Failed;
  }
}
