/**
 * Runs a job for a stream of triggers, at most once per interval: at once when the triggers are far
 * apart, and while they keep coming faster (a page changing its URL every few ms to make us rescan
 * it, or to take our UI down each time) no sooner than `interval` after the last run, the interval
 * doubling up to `maxMs`; triggers while a run is due merge into it. Back to `baseMs` after a pause
 * of one interval.
 */
export interface Backoff {
  trigger(): void;
  stop(): void;
}

export function backoff(job: () => void, baseMs: number, maxMs: number, now: () => number = () => performance.now()): Backoff {
  let last = -Infinity;
  let interval = baseMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = now();
    job();
  };
  return {
    trigger() {
      if (timer !== undefined) return;
      const t = now();
      const due = last + interval;
      if (t >= due) {
        if (t >= due + interval) interval = baseMs;
        run();
      } else {
        interval = Math.min(maxMs, interval * 2);
        timer = setTimeout(run, due - t);
      }
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
