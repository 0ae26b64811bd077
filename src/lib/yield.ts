/**
 * Cooperative yielding for long CPU-bound work on the event loop: `pause()` lets timers, I/O
 * and other requests run (one turn of the loop) once the caller has held the loop for
 * `budgetMs` since it last let go, and returns at once otherwise, so a short task pays
 * nothing and a long one never holds the loop much longer than the budget.
 */
export type Yielder = { pause(): Promise<void> };

/** A new yielder; its budget starts now. */
export function yielder(budgetMs = 20): Yielder {
  let since = performance.now();
  return {
    async pause() {
      if (performance.now() - since < budgetMs) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    },
  };
}

/** Drives a stepwise computation to its result, pausing between its steps. */
export async function drive<T>(steps: Generator<void, T>, yields: Yielder): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await yields.pause();
  }
}
