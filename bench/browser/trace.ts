/**
 * Reading a Chrome trace (CDP Tracing, categories devtools.timeline + disabled-by-default-devtools.timeline)
 * of one page load: the renderer main thread's top-level tasks, and which of them ran extension code.
 *
 * Long-animation-frame script attribution does not cover extension code (by design), so a task is
 * attributed to the extension from the trace instead: a top-level task (RunTask) ran extension code
 * when an EvaluateScript / FunctionCall / v8.compile event inside it names a chrome-extension:// URL.
 * What of such a task is the extension's: all of it when the task begins with extension code (our
 * timer, message or MessageChannel callback: microtasks after it are ours too); otherwise (our
 * MutationObserver callback inside the page's own task) only our events, with what ran nested in
 * them (forced style and layout, GC).
 */
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string } };
}

export interface TaskSummary {
  /** top-level tasks on the page's main thread */
  tasks: number;
  /** sum of their durations, ms */
  mainThreadMs: number;
  longestTaskMs: number;
  /** tasks that ran extension code */
  extTasks: number;
  /** the longest time attributable to the extension in one task (see above) */
  extLongestTaskMs: number;
  /** the longest whole task that ran any extension code (an upper bound) */
  extLongestWholeTaskMs: number;
  /** sum of the time attributable to the extension over its tasks, ms */
  extTasksMs: number;
  /** sum of the outermost extension script events (evaluate, compile, calls), ms */
  extScriptMs: number;
  /** what the longest extension task was doing: the name of its longest extension event */
  extLongestWhat: string;
}

const EXT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile', 'v8.produceCache', 'v8.produceModuleCache', 'TimerFire', 'FireIdleCallback']);

const urlOf = (e: TraceEvent): string => e.args?.data?.url ?? '';

/** The renderer main thread that did the most work (the page under test). */
function mainThreadOf(events: readonly TraceEvent[]): { pid: number; tid: number } | null {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const busy = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask') continue;
    const k = `${e.pid}:${e.tid}`;
    if (names.get(k) !== 'CrRendererMain') continue;
    busy.set(k, (busy.get(k) ?? 0) + (e.dur ?? 0));
  }
  let best: string | null = null;
  for (const [k, v] of busy) if (best === null || v > busy.get(best)!) best = k;
  if (best === null) return null;
  const [pid, tid] = best.split(':').map(Number);
  return { pid: pid!, tid: tid! };
}

export function summarizeTrace(events: readonly TraceEvent[], isExtension = (url: string) => url.startsWith('chrome-extension://')): TaskSummary {
  const main = mainThreadOf(events);
  const empty: TaskSummary = { tasks: 0, mainThreadMs: 0, longestTaskMs: 0, extTasks: 0, extLongestTaskMs: 0, extLongestWholeTaskMs: 0, extTasksMs: 0, extScriptMs: 0, extLongestWhat: '' };
  if (!main) return empty;
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = onMain.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  // nested RunTasks (rare: nested run loops) count once, through the outermost
  const outer: TraceEvent[] = [];
  for (const t of tasks) {
    const last = outer[outer.length - 1];
    if (last && t.ts < last.ts + last.dur!) continue;
    outer.push(t);
  }
  const ext = onMain.filter((e) => EXT_EVENTS.has(e.name) && isExtension(urlOf(e))).sort((a, b) => a.ts - b.ts);
  const taskOf = (ts: number): number => {
    let lo = 0;
    let hi = outer.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (outer[mid]!.ts <= ts) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && ts <= outer[found]!.ts + outer[found]!.dur! ? found : -1;
  };
  const extTaskIndex = new Map<number, TraceEvent>();
  /** per task: the outermost extension events' time */
  const extOwnUs = new Map<number, number>();
  let extScriptUs = 0;
  let coveredUntil = -1;
  for (const e of ext) {
    const i = taskOf(e.ts);
    const outermost = e.ts >= coveredUntil;
    if (i >= 0) {
      const prev = extTaskIndex.get(i);
      if (!prev || e.dur! > prev.dur!) extTaskIndex.set(i, e);
      if (outermost) extOwnUs.set(i, (extOwnUs.get(i) ?? 0) + e.dur!);
    }
    if (outermost) {
      extScriptUs += e.dur!;
      coveredUntil = e.ts + e.dur!;
    }
  }
  // the first script event of each task, any origin: does the task begin with our code?
  const firstScript = new Map<number, TraceEvent>();
  for (const e of onMain) {
    if (!EXT_EVENTS.has(e.name)) continue;
    const i = taskOf(e.ts);
    if (i < 0 || !extTaskIndex.has(i)) continue;
    const prev = firstScript.get(i);
    if (!prev || e.ts < prev.ts) firstScript.set(i, e);
  }
  const attributableUs = (i: number): number => {
    const first = firstScript.get(i);
    const task = outer[i]!;
    return first && isExtension(urlOf(first)) && first.ts - task.ts <= 1000 ? task.dur! : (extOwnUs.get(i) ?? 0);
  };
  let longest = 0;
  let mainUs = 0;
  for (const t of outer) {
    mainUs += t.dur!;
    if (t.dur! > longest) longest = t.dur!;
  }
  let extLongest = 0;
  let extLongestWhole = 0;
  let extLongestWhat = '';
  let extUs = 0;
  for (const [i, e] of extTaskIndex) {
    const whole = outer[i]!.dur!;
    const d = attributableUs(i);
    extUs += d;
    if (whole > extLongestWhole) extLongestWhole = whole;
    if (d > extLongest) {
      extLongest = d;
      extLongestWhat = e.name === 'FunctionCall' ? `FunctionCall ${e.args?.data?.functionName || '(anonymous)'}` : e.name;
    }
  }
  return {
    tasks: outer.length,
    mainThreadMs: mainUs / 1000,
    longestTaskMs: longest / 1000,
    extTasks: extTaskIndex.size,
    extLongestTaskMs: extLongest / 1000,
    extLongestWholeTaskMs: extLongestWhole / 1000,
    extTasksMs: extUs / 1000,
    extScriptMs: extScriptUs / 1000,
    extLongestWhat,
  };
}
