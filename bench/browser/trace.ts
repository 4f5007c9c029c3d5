/**
 * Reading a Chrome trace (CDP Tracing, categories devtools.timeline + disabled-by-default-devtools.timeline)
 * of one page load: the renderer main thread's top-level tasks, and which of them ran extension code.
 *
 * Long-animation-frame script attribution does not cover extension code (by design), so a task is
 * attributed to the extension from the trace instead: a top-level task (RunTask) is the extension's
 * when an EvaluateScript / FunctionCall / v8.compile event inside it names a chrome-extension:// URL.
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
  extLongestTaskMs: number;
  /** sum of the durations of tasks that ran extension code, ms (an upper bound of its cost) */
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
  const empty: TaskSummary = { tasks: 0, mainThreadMs: 0, longestTaskMs: 0, extTasks: 0, extLongestTaskMs: 0, extTasksMs: 0, extScriptMs: 0, extLongestWhat: '' };
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
  let extScriptUs = 0;
  let coveredUntil = -1;
  for (const e of ext) {
    const i = taskOf(e.ts);
    if (i >= 0) {
      const prev = extTaskIndex.get(i);
      if (!prev || e.dur! > prev.dur!) extTaskIndex.set(i, e);
    }
    if (e.ts >= coveredUntil) {
      extScriptUs += e.dur!;
      coveredUntil = e.ts + e.dur!;
    }
  }
  let longest = 0;
  let mainUs = 0;
  for (const t of outer) {
    mainUs += t.dur!;
    if (t.dur! > longest) longest = t.dur!;
  }
  let extLongest = 0;
  let extLongestWhat = '';
  let extUs = 0;
  for (const [i, e] of extTaskIndex) {
    const d = outer[i]!.dur!;
    extUs += d;
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
    extTasksMs: extUs / 1000,
    extScriptMs: extScriptUs / 1000,
    extLongestWhat,
  };
}
