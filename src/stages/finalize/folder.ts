import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { State } from '../../config/state.js';
import { monitorFiles, readSettings } from '../../monitor/files.js';
import type { DeploymentInfo } from '../../notify/messages.js';
import type { ThreadRef } from '../../notify/slack.js';
import { parseThread } from '../../notify/thread.js';
import type { ActionIO } from '../../ports/runtime.js';
import { answeredOf, type Answered } from '../answered.js';

/**
 * What coordinate left for finalize, in state or (for a finalize in a step of its own) in the
 * deployment's folder: the Slack thread, the GitHub Deployment, the deployment's details.
 */
export class DeploymentFolder {
  private readonly files: ReturnType<typeof monitorFiles>;

  constructor(
    private readonly io: ActionIO,
    readonly dir: string
  ) {
    this.files = monitorFiles(dir);
  }

  private read(file: string): string {
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  thread(): ThreadRef | undefined {
    return parseThread(this.io.getState(State.SlackThread) || this.read(this.files.thread));
  }

  /** The deploy freeze coordinate met or overrode (JSON), if any. */
  freeze(): string {
    return this.io.getState(State.Freeze) || this.read(this.files.freeze);
  }

  /** The questions answered in Slack, and who answered them. */
  answered(): Answered[] {
    return answeredOf(this.io, '', this.dir);
  }

  deploymentId(): number | undefined {
    const id = Number(this.io.getState(State.DeploymentId) || this.read(this.files.deployment));
    return Number.isInteger(id) && id > 0 ? id : undefined;
  }

  /** The details the monitor was started with; undefined when there are none (or torn). */
  info(): DeploymentInfo | undefined {
    try {
      return existsSync(this.files.settings) ? readSettings(this.files.settings).info : undefined;
    } catch {
      return undefined;
    }
  }

  get spools(): string[] {
    return [this.files.stageSpool, this.files.spool];
  }

  /** Whether the final Slack notice went out already (finalize may run twice). */
  finalSent(): boolean {
    return existsSync(this.files.finalSent);
  }

  markFinalSent(at: Date): void {
    // A finalize in a job of its own has no folder yet.
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileSync(this.files.finalSent, at.toISOString(), { mode: 0o600 });
  }
}
