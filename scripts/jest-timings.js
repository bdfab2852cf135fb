// jest reporter: after a run, the slowest test files with how long each took (wall time in its
// worker, so it includes waiting for the cores), and how long the run's files took together.
import { relative } from 'node:path';

const SHOWN = 12;

export default class Timings {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const files = results.testResults
      .filter((r) => r.perfStats?.end && r.perfStats?.start)
      .map((r) => ({
        path: relative(this.rootDir, r.testFilePath),
        ms: r.perfStats.end - r.perfStats.start
      }))
      .sort((a, b) => b.ms - a.ms);
    if (files.length === 0) return;
    const s = (ms) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
    const total = files.reduce((n, f) => n + f.ms, 0);
    const lines = files.slice(0, SHOWN).map((f) => `${s(f.ms)}  ${f.path}`);
    const wall = Date.now() - results.startTime;
    process.stderr.write(
      `\nSlowest test files (${Math.min(SHOWN, files.length)} of ${files.length}; ${s(total).trim()} in all, ${s(wall).trim()} of wall time):\n${lines.join('\n')}\n`
    );
  }
}
