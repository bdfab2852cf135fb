/**
 * One call made under a budget: what was left when it began, a signal that aborts its requests
 * when that is spent, and a place to note the trouble its attempts met (so that a call given up at
 * the budget can still say why it failed: `HTTP 503`, `timed out`).
 */
export interface BudgetCall {
  /** What was left of the budget when the call began, in ms. */
  readonly leftMs: number;
  /** What is left now, in ms. */
  left(): number;
  /** Aborted when the budget is spent: pass it to every request of the call. */
  readonly signal: AbortSignal;
  /** The latest trouble an attempt of the call met, in a person's words. */
  note(reason: string): void;
}

/**
 * A step's allowance of time for one service (the post step's for Slack, or for GitHub): the time
 * its calls take is added up, a call still running when it is spent is given up at that moment (its
 * requests aborted), and once it is spent no call is made at all.
 */
export class TimeBudget {
  private spentMs = 0;
  /** What was not done for want of the service (for the summary), in the order it happened. */
  readonly missed: { readonly what: string; readonly why: string; readonly at: string }[] = [];
  /** Whether a call was given up while still running (it may end later, unwaited for). */
  gaveUp = false;

  constructor(
    /** What the step gives the service, in ms. */
    readonly totalMs: number,
    /** The service, in the reason a call was not made ('Slack', 'GitHub'). */
    readonly service: string,
    private readonly now: () => number = Date.now
  ) {}

  /** Records what could not be done, and why (in a person's words). */
  miss(what: string, why: string): void {
    this.missed.push({ what, why, at: new Date(this.now()).toISOString() });
  }

  /** What is left, in ms (never below 0). */
  left(): number {
    return Math.max(0, this.totalMs - this.spentMs);
  }

  /**
   * Runs one call with what is left. Refused with a `BudgetSpentError` when nothing is left; given
   * up with one (naming the trouble it met, if any) when it outlasts what was left.
   */
  async run<T>(call: (c: BudgetCall) => Promise<T>): Promise<T> {
    const leftMs = this.left();
    if (leftMs <= 0) throw new BudgetSpentError(this, 'refused');
    const started = this.now();
    const abort = new AbortController();
    let trouble: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const givenUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.gaveUp = true;
        reject(new BudgetSpentError(this, 'given-up', trouble));
        abort.abort(new BudgetSpentError(this, 'given-up', trouble));
      }, leftMs);
    });
    const context: BudgetCall = {
      leftMs,
      left: () => Math.max(0, leftMs - (this.now() - started)),
      signal: abort.signal,
      note: (reason) => {
        if (!abort.signal.aborted) trouble = reason;
      }
    };
    try {
      return await Promise.race([call(context), givenUp]);
    } finally {
      clearTimeout(timer);
      this.spentMs += this.now() - started;
    }
  }
}

/**
 * A step's budget for a service was spent: before a call (`refused`: it was not made) or during one
 * (`given-up`: nobody waits for it any longer). The message says which, and the trouble met first.
 */
export class BudgetSpentError extends Error {
  readonly budgetMs: number;

  constructor(budget: TimeBudget, when: 'refused' | 'given-up', trouble?: string) {
    const spent = `the ${Math.round(budget.totalMs / 1000)} s this step gives ${budget.service} were spent`;
    super(
      when === 'refused'
        ? `not sent: ${spent}`
        : // A request that timed out as the budget ran out reads as the budget's own timeout.
          trouble && trouble !== 'timed out'
          ? `${trouble}; given up when ${spent}`
          : `timed out: ${spent}`
    );
    this.name = 'BudgetSpentError';
    this.budgetMs = budget.totalMs;
  }
}
