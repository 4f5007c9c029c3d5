/**
 * Time-sliced work: runs `step(deadline)` in slices of at most `sliceMs`, yielding to the page
 * between slices (MessageChannel, so there is no 4 ms timer clamp). Records how long each slice
 * took so tests and the popup can show that no task of ours ran long.
 */
export interface SliceStats {
  slices: number;
  busyMs: number;
  /** longest slice or task, ms */
  longestSliceMs: number;
  /** longest unsliceable task (page facts, finish), ms */
  longestTaskMs: number;
}

export interface Scheduler {
  /** Runs until `step` says done, or until `shouldStop()` (give-up) is true. Resolves true when finished. */
  run(step: (deadline: number) => boolean, shouldStop?: () => boolean): Promise<boolean>;
  /** Runs one short task (not sliceable) and records its duration like a slice. */
  task<T>(fn: () => T): Promise<T>;
  /**
   * Waits until the page has rendered (the next animation frame, then a task): work that reads
   * computed styles (visibility checks) then finds them clean instead of pulling the page's own
   * style and layout work into our task. Falls back to a timer where frames do not come
   * (background tabs).
   */
  afterRender(): Promise<void>;
  stats: SliceStats;
  cancel(): void;
}

export interface SchedulerOptions {
  sliceMs?: number;
  now?: () => number;
  /** how to yield to the event loop between slices */
  yieldNow?: () => Promise<void>;
  /** how to wait for the page to render */
  waitForRender?: () => Promise<void>;
}

/**
 * Resolves once the page has rendered what it changed: in an idle period (which only begins after
 * a frame is done), at the latest after `fallbackMs`. Not a requestAnimationFrame callback: that
 * would open the page's own frame task (its style, layout and paint work would run in a task that
 * began with our code).
 */
export function waitForNextRender(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, fallbackMs);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(done, { timeout: fallbackMs });
    else if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => void yieldToEventLoop().then(done));
  });
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel === 'function') {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(0);
    } else setTimeout(resolve, 0);
  });
}

export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  const sliceMs = options.sliceMs ?? 8;
  const now = options.now ?? (() => performance.now());
  const yieldNow = options.yieldNow ?? yieldToEventLoop;
  const waitForRender = options.waitForRender ?? waitForNextRender;
  const stats: SliceStats = { slices: 0, busyMs: 0, longestSliceMs: 0, longestTaskMs: 0 };
  let generation = 0;
  /** when the current task (since we last yielded to the page) began: runs and tasks share it */
  let taskStart = now();
  const yieldIfLong = async () => {
    if (now() - taskStart >= sliceMs / 2) {
      await yieldNow();
      taskStart = now();
    }
  };

  function record(ms: number) {
    stats.slices++;
    stats.busyMs += ms;
    if (ms > stats.longestSliceMs) stats.longestSliceMs = ms;
  }

  return {
    stats,
    async afterRender() {
      await waitForRender();
      taskStart = now();
    },
    cancel() {
      generation++;
    },
    async run(step, shouldStop) {
      const mine = generation;
      for (;;) {
        // several short runs in a row (one per changed root) must not add up to one long task
        await yieldIfLong();
        if (mine !== generation) return false;
        if (shouldStop?.()) return false;
        const start = now();
        const done = step(Math.min(start + sliceMs, taskStart + sliceMs));
        record(now() - start);
        if (done) return true;
        await yieldNow();
        taskStart = now();
      }
    },
    async task(fn) {
      await yieldNow();
      taskStart = now();
      const start = now();
      try {
        return fn();
      } finally {
        const ms = now() - start;
        record(ms);
        if (ms > stats.longestTaskMs) stats.longestTaskMs = ms;
      }
    },
  };
}
