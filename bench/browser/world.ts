/**
 * Where the bench's in-page code runs. A content script runs in an isolated world: the page's DOM,
 * seen through JS wrappers of its own. Chromium keeps a node's main-world wrapper in the node itself
 * and every other world's in a per-world map, so each DOM call that hands back a node costs more in
 * the content script's world than in the page's. Measured in one page, in turns (bench/worlds.ts,
 * 2026-12-06, listing, warm): the floor 6.7 ms in the main world vs 16.8 ms isolated, the scan 65.3
 * vs 120.8 ms. So the bench runs in an isolated world, as the extension does; BENCH_WORLD=main runs
 * it in the page's own world (as every bench run before 2026-12-06 did).
 */
import type { CDPSession, Page } from 'playwright-core';

export type WorldKind = 'isolated' | 'main';

export const BENCH_WORLD: WorldKind = process.env.BENCH_WORLD === 'main' ? 'main' : 'isolated';

export interface BenchWorld {
  kind: WorldKind;
  /** runs a script (the in-page bundle) in this world */
  run(js: string): Promise<void>;
  /** calls `globalThis[global][name](...args)` in this world and returns its (JSON-able) result */
  call<T>(global: string, name: string, args: readonly unknown[]): Promise<T>;
}

interface Evaluated {
  result: { value?: unknown };
  exceptionDetails?: { text: string; exception?: { description?: string } };
}

function unwrap(r: Evaluated): unknown {
  if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
  return r.result.value;
}

const CALL = 'function (g, n, a) { return globalThis[g][n](...a); }';

/** a world of `page`'s main frame: its own (main), or a new isolated world as a content script gets (each call a new one) */
export async function benchWorld(page: Page, cdp: CDPSession, kind: WorldKind = BENCH_WORLD, worldName = 'shop-sentinel-bench'): Promise<BenchWorld> {
  if (kind === 'main') {
    return {
      kind,
      run: async (js) => void (await page.addScriptTag({ content: js })),
      call: async <T>(global: string, name: string, args: readonly unknown[]) =>
        (await page.evaluate(
          ([g, n, a]) => (globalThis as unknown as Record<string, Record<string, (...x: unknown[]) => unknown>>)[g]![n]!(...a),
          [global, name, args] as const,
        )) as T,
    };
  }
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName })) as { executionContextId: number };
  return {
    kind,
    run: async (js) => void unwrap((await cdp.send('Runtime.evaluate', { expression: js, contextId: executionContextId })) as Evaluated),
    call: async <T>(global: string, name: string, args: readonly unknown[]) =>
      unwrap(
        (await cdp.send('Runtime.callFunctionOn', {
          functionDeclaration: CALL,
          executionContextId,
          arguments: [{ value: global }, { value: name }, { value: args }],
          returnByValue: true,
        })) as Evaluated,
      ) as T,
  };
}
