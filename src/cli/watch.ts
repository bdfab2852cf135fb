import { ExitCode } from '../config/state.js';
import { safeJson } from '../domain/display.js';
import type { Sleep } from '../ports/runtime.js';
import type { CommandContext } from './command.js';
import { isProblem, numberFlag } from './flags.js';
import { displayText, isCorrupt, isMisconfiguration } from './stored-text.js';

// `--watch`: a command's result again every --interval seconds, until Ctrl-C.

export const DEFAULT_WATCH_INTERVAL_S = 5;
/** Bounds of --interval: no faster than twice a second (each frame is a few registry reads). */
export const WATCH_INTERVAL_RANGE = { min: 0.5, max: 3600 } as const;

/** What a command shows once: `data` for --json, `text` for people. */
export interface Frame {
  readonly data: unknown;
  readonly text: string;
}

/** --interval in milliseconds, or why not (the message). */
export function watchIntervalMs(given: string | undefined): number | string {
  const s = numberFlag('interval', given, {
    ...WATCH_INTERVAL_RANGE,
    unit: 'seconds',
    default: DEFAULT_WATCH_INTERVAL_S
  });
  return isProblem(s) ? s.problem : (s ?? DEFAULT_WATCH_INTERVAL_S) * 1000;
}

const CLEAR_SCREEN = '\x1b[H\x1b[2J';

/**
 * Draws `frame` every `intervalMs` until `signal` aborts (Ctrl-C), one frame at a time: the next
 * sleep starts when a frame is drawn, so a slow registry never piles reads up. On a terminal each
 * frame replaces the last; elsewhere frames follow each other, and with --json each is one line
 * (JSON Lines). A frame that fails is said on stderr and tried again at the next interval, unless
 * the table cannot be used as configured (thrown: the CLI says what the action says of it).
 */
export async function watch(
  ctx: CommandContext,
  frame: () => Promise<Frame>,
  opts: { intervalMs: number; sleep: Sleep; signal: AbortSignal; terminal: boolean }
): Promise<number> {
  const every = `every ${opts.intervalMs / 1000} s; Ctrl-C to stop`;
  while (!opts.signal.aborted) {
    try {
      const f = await frame();
      if (ctx.json) ctx.out(safeJson(f.data));
      else ctx.out(`${opts.terminal ? CLEAR_SCREEN : ''}${f.text}\n(${every})\n`);
    } catch (err) {
      // A table that cannot be used as configured stays so: said once, as the action says it.
      if (isMisconfiguration(err) || isCorrupt(err)) throw err;
      ctx.err(
        `error: ${displayText(String((err as Error).name))}: ${displayText(String((err as Error).message), 2000)} (trying again, ${every})`
      );
    }
    await opts.sleep(opts.intervalMs, opts.signal);
  }
  return ExitCode.Ok;
}

/** An abort on Ctrl-C (SIGINT) or SIGTERM, for as long as `release` is not called. */
export function interruption(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  };
}
