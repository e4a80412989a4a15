/**
 * Runs async jobs one at a time, keeping only the newest waiting job: while a prediction runs, the
 * strokes drawn meanwhile collapse into one follow-up prediction instead of a queue. A job may be
 * due later (`delayMs`) — the throttle for live predictions while the pen moves.
 */
export class LatestOnlyRunner<Job> {
  readonly #run: (job: Job) => Promise<void>;
  #pending: { job: Job; dueAt: number } | null = null;
  #running = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(run: (job: Job) => Promise<void>) {
    this.#run = run;
  }

  /** Replaces any waiting job; runs it once `delayMs` passed and nothing else is running. */
  submit(job: Job, delayMs = 0): void {
    const dueAt = Date.now() + delayMs;
    this.#pending = { job, dueAt: this.#pending ? Math.min(this.#pending.dueAt, dueAt) : dueAt };
    this.#pump();
  }

  /** Drops the waiting job (a running one finishes). */
  cancel(): void {
    this.#pending = null;
    clearTimeout(this.#timer);
  }

  get isIdle(): boolean {
    return !this.#running && this.#pending === null;
  }

  #pump(): void {
    clearTimeout(this.#timer);
    if (this.#running || !this.#pending) return;
    const waitMs = this.#pending.dueAt - Date.now();
    if (waitMs > 0) {
      this.#timer = setTimeout(() => this.#pump(), waitMs);
      return;
    }
    const { job } = this.#pending;
    this.#pending = null;
    this.#running = true;
    this.#run(job)
      .catch(() => undefined)
      .finally(() => {
        this.#running = false;
        this.#pump();
      });
  }
}
