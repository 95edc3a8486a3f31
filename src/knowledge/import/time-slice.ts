/** Lets pending I/O (socket messages, HTTP requests) run before the next batch of CPU work. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Cooperative time slicing for long CPU loops: call `tick()` after each unit of work; it yields to the
 * event loop once the current slice has used its budget, so the chat never waits longer than that.
 */
export class TimeSlicer {
  private sliceStart = performance.now();

  constructor(private readonly budgetMs = 8) {}

  async tick(): Promise<void> {
    if (performance.now() - this.sliceStart < this.budgetMs) return;
    await yieldToEventLoop();
    this.sliceStart = performance.now();
  }
}
