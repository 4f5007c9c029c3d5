import { describe, expect, it } from 'vitest';
import { summarizeTrace, type TraceEvent } from '../../../bench/browser/trace';

const meta = (pid: number, tid: number, name: string): TraceEvent => ({ name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name } });
const task = (ts: number, durMs: number, pid = 1, tid = 10): TraceEvent => ({ name: 'RunTask', ph: 'X', ts, dur: durMs * 1000, pid, tid });
const call = (name: string, ts: number, durMs: number, url: string, pid = 1, tid = 10): TraceEvent => ({
  name,
  ph: 'X',
  ts,
  dur: durMs * 1000,
  pid,
  tid,
  args: { data: { url, functionName: 'onmessage' } },
});
const EXT = 'chrome-extension://abc/content-scripts/shop.js';

describe('summarizeTrace', () => {
  it('attributes to the extension only the tasks that ran extension code', () => {
    const events = [
      meta(1, 10, 'CrRendererMain'),
      task(0, 120), // the page's own parse: long, not ours
      call('EvaluateScript', 10_000, 50, 'http://127.0.0.1/app.js'),
      task(200_000, 30),
      call('EvaluateScript', 200_100, 28, EXT),
      task(300_000, 8),
      call('FunctionCall', 300_010, 7, EXT),
      task(400_000, 5),
    ];
    const s = summarizeTrace(events);
    expect(s.tasks).toBe(4);
    expect(s.longestTaskMs).toBe(120);
    expect(s.mainThreadMs).toBe(163);
    expect(s.extTasks).toBe(2);
    expect(s.extLongestTaskMs).toBe(30);
    expect(s.extLongestWhat).toBe('EvaluateScript');
    expect(s.extTasksMs).toBe(38);
    expect(s.extScriptMs).toBe(35);
  });

  it('picks the busiest renderer main thread and ignores other threads', () => {
    const events = [
      meta(1, 10, 'CrRendererMain'),
      meta(2, 20, 'CrRendererMain'),
      meta(2, 21, 'Compositor'),
      task(0, 5, 1, 10),
      task(0, 500, 2, 21), // busy, but not a main thread
      task(0, 40, 2, 20),
      call('FunctionCall', 10, 39, EXT, 2, 20),
    ];
    const s = summarizeTrace(events);
    expect(s.tasks).toBe(1);
    expect(s.longestTaskMs).toBe(40);
    expect(s.extLongestTaskMs).toBe(40);
  });

  it('counts nested tasks and nested script events once', () => {
    const events = [meta(1, 10, 'CrRendererMain'), task(0, 60), task(1000, 10), call('FunctionCall', 2000, 20, EXT), call('FunctionCall', 3000, 5, EXT)];
    const s = summarizeTrace(events);
    expect(s.tasks).toBe(1);
    expect(s.mainThreadMs).toBe(60);
    expect(s.extTasks).toBe(1);
    expect(s.extScriptMs).toBe(20);
    expect(s.extLongestWhat).toBe('FunctionCall onmessage');
  });

  it('returns zeros for an empty or foreign trace', () => {
    expect(summarizeTrace([]).tasks).toBe(0);
    expect(summarizeTrace([meta(1, 10, 'CrBrowserMain'), task(0, 100)]).longestTaskMs).toBe(0);
  });
});

describe('summarizeTrace: what of a task is ours', () => {
  it('a task the page began counts only our callback (a MutationObserver inside it), a task we began counts whole', () => {
    const events = [
      meta(1, 10, 'CrRendererMain'),
      task(0, 300), // the page's timer adds 100 cards and lays out; our observer callback runs inside
      call('TimerFire', 10, 250, 'http://127.0.0.1/scroll'),
      call('FunctionCall', 260_000, 2, EXT),
      task(400_000, 30), // our MessageChannel slice, then our microtasks
      call('FunctionCall', 400_100, 20, EXT),
    ];
    const s = summarizeTrace(events);
    expect(s.extTasks).toBe(2);
    expect(s.extLongestTaskMs).toBe(30);
    expect(s.extLongestWholeTaskMs).toBe(300);
    expect(s.extTasksMs).toBe(32);
  });
});
