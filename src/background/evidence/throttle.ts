/**
 * Spaces captureVisibleTab calls: Chrome allows MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND = 2 per extension,
 * so one shared throttle lives as long as the background. A quota error is retried after a pause.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export function createCaptureThrottle(minIntervalMs: number, clock: Clock) {
  let last = -Infinity;
  let queue: Promise<unknown> = Promise.resolve();
  return function throttled<T>(fn: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      for (let attempt = 0; ; attempt++) {
        const wait = last + minIntervalMs - clock.now();
        if (wait > 0) await clock.sleep(wait);
        last = clock.now();
        try {
          return await fn();
        } catch (err) {
          const msg = err instanceof Error ? err.message : String(err);
          if (attempt < 3 && /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND|rate/i.test(msg)) {
            await clock.sleep(1000);
            continue;
          }
          throw err;
        }
      }
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };
}
