/** Lets through at most one report per interval of wall time (the first one at once). */
export class ProgressThrottle {
  private last = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True when a report is due now; it then counts as made. */
  due(): boolean {
    const now = this.now();
    if (now - this.last < this.intervalMs) return false;
    this.last = now;
    return true;
  }
}
