/**
 * Entries looked at together on one interval (the body and upstream watchdogs): far cheaper than a
 * timer per request. The interval runs only while something is watched, and never keeps the process
 * alive.
 */
export class Sweep<T> {
  readonly #entries = new Set<T>();
  #timer: NodeJS.Timeout | undefined;
  readonly tickMs: number;

  /** `deadlineMs`: the shortest deadline checked; the interval is a quarter of it, 10 ms to 1 s. */
  constructor(
    deadlineMs: number,
    readonly visit: (entry: T, now: number) => void,
  ) {
    this.tickMs = Math.max(10, Math.min(1000, Math.floor(deadlineMs / 4)));
  }

  add(entry: T): void {
    this.#entries.add(entry);
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.#tick(), this.tickMs);
      this.#timer.unref();
    }
  }

  delete(entry: T): void {
    this.#entries.delete(entry);
    if (this.#entries.size === 0 && this.#timer !== undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  #tick(): void {
    const now = Date.now();
    // Deleting the entry being visited is safe while iterating a Set.
    for (const entry of this.#entries) this.visit(entry, now);
  }
}
