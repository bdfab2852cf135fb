import { fileURLToPath } from 'node:url';

/**
 * The action's entries: dist/<entry>/index.js for action.yml, the sub-actions, the detached
 * monitor's supervisor and the CLI.
 */
export const ENTRIES = ['pre', 'coordinate', 'monitor', 'supervisor', 'finalize', 'cli'] as const;
export type Entry = (typeof ENTRIES)[number];

/**
 * The one bundle (dist/action/) behind every entry: dist/<entry>/index.js only calls this with its
 * name and its own URL. Each entry loads only the chunks it imports here, so `pre` never loads the
 * AWS SDK, and the stages load their clients after the inputs are checked.
 */
export async function start(entry: Entry, entryUrl: string): Promise<void> {
  const self = fileURLToPath(entryUrl);
  switch (entry) {
    case 'pre': {
      const [{ preStage }, { coreIO }] = await Promise.all([
        import('../stages/pre.js'),
        import('../runtime/stage.js')
      ]);
      return preStage(coreIO);
    }
    case 'coordinate':
      return (await import('../stages/coordinate.js')).main(self);
    case 'monitor':
      // The detached worker loads only itself; the monitor/ sub-action's step, the stage.
      if (process.argv[3] === '--worker' && process.argv[2])
        return (await import('../monitor/worker.js')).workerMain(
          process.argv[2],
          process.argv.slice(4)
        );
      return (await import('../stages/monitor.js')).main(self);
    case 'supervisor': {
      // Node's own modules and the settings reader only: the detached monitor's light half.
      const settingsFile = process.argv[2];
      if (!settingsFile) throw new Error('the supervisor needs its settings file');
      return (await import('../monitor/supervisor.js')).supervisorMain(self, settingsFile);
    }
    case 'finalize':
      return (await import('../stages/finalize.js')).main();
    case 'cli': {
      const { runCli } = await import('../cli/main.js');
      process.exitCode = await runCli(process.argv.slice(2));
      return;
    }
  }
}
