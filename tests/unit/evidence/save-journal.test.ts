/**
 * A save the browser cuts short (the background stopped in its middle): nothing half-written is kept,
 * the other snapshots stay listed, and the next background tells the user (evidence-list problem with
 * `interrupted`). A "new worker" is a fresh copy of the modules (vi.resetModules) over the same
 * IndexedDB and the same journal store, as after a real service-worker restart.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import type { EvidenceServiceDeps } from '../../../src/background/evidence/service';
import { createSaveJournal, describeInterruptedSave, type SaveJournalStore } from '../../../src/background/evidence/save-journal';
import { openEvidenceDb } from '../../../src/storage/evidence-db';
import type { RecordProblem } from '../../../src/evidence/records';
import { createFakeTab } from './fake-tab';

function memoryStore(initial?: unknown): SaveJournalStore & { value: unknown } {
  const s = {
    value: initial,
    async get() {
      return s.value;
    },
    async set(v: unknown) {
      s.value = JSON.parse(JSON.stringify(v));
    },
  };
  return s;
}

const entry = { startedAt: '2026-11-22T02:00:00.000Z', tabId: 7, url: 'https://shop.example.com/item', title: 'Item' };

describe('save journal', () => {
  it('a pending save found by a new background becomes "interrupted"; the next save that ends clears it', async () => {
    const store = memoryStore();
    const first = createSaveJournal(store);
    expect(await first.recover()).toBeNull();
    await first.begin(entry);
    expect(await first.interrupted()).toBeNull(); // still running in this background: not interrupted
    // the background dies here; a new one starts
    const second = createSaveJournal(store);
    expect(await second.recover()).toEqual(entry);
    expect(await second.interrupted()).toEqual(entry);
    expect(store.value).toEqual({ pending: null, interrupted: entry });
    // a third start does not lose it (nothing new was pending)
    expect(await createSaveJournal(store).interrupted()).toEqual(entry);
    await second.begin({ ...entry, startedAt: '2026-11-22T03:00:00.000Z' });
    expect(await second.interrupted()).toEqual(entry); // shown while the new save runs
    await second.end();
    expect(await second.interrupted()).toBeNull();
    expect(await createSaveJournal(store).recover()).toBeNull();
  });

  it('garbage in the store and a store that throws never break a save', async () => {
    for (const junk of ['x', 42, null, { pending: { url: 5 } }, { pending: entry, interrupted: 'no' }, [entry]]) {
      const j = createSaveJournal(memoryStore(junk));
      await expect(j.recover()).resolves.toSatisfy((v: unknown) => v === null || (v as typeof entry).url === entry.url);
      await expect(j.begin(entry)).resolves.toBeUndefined();
      await expect(j.end()).resolves.toBeUndefined();
    }
    const broken: SaveJournalStore = { get: () => Promise.reject(new Error('storage gone')), set: () => Promise.reject(new Error('quota')) };
    const j = createSaveJournal(broken);
    await expect(j.begin(entry)).resolves.toBeUndefined();
    await expect(j.interrupted()).resolves.toBeNull();
    await expect(j.end()).resolves.toBeUndefined();
  });

  it('the message names the page and says nothing was saved', () => {
    const text = describeInterruptedSave(entry);
    expect(text).toContain('"Item" (https://shop.example.com/item)');
    expect(text).toMatch(/interrupted/);
    expect(text).toMatch(/Nothing was saved/);
  });
});

describe('a background stopped in the middle of a save (fresh modules = new service worker)', () => {
  async function startWorker(factory: IDBFactory, store: SaveJournalStore, opts: { hang?: boolean; fail?: Error } = {}) {
    // fresh modules: the in-flight flag and every cache start empty, as in a restarted worker
    vi.resetModules();
    const { createEvidenceService } = await import('../../../src/background/evidence/service');
    const { createSaveJournal: journalOf } = await import('../../../src/background/evidence/save-journal');
    const tab = createFakeTab({ cssWidth: 60, cssHeight: 600, viewportHeight: 500, dpr: 1 });
    let n = 0;
    const deps: EvidenceServiceDeps = {
      openDb: () => openEvidenceDb(factory),
      getTab: async (id) => ({ id, windowId: 1, url: 'https://shop.example.com/item', title: 'Item', active: true }),
      getTabReport: async () => ({ findings: [], report: { score: 50, level: 'warning', byCategory: {}, contributions: [] } }),
      captureDeps: async () => {
        if (opts.hang) await new Promise<never>(() => undefined);
        if (opts.fail) throw opts.fail;
        return tab.deps;
      },
      environment: async () => ({ browser: { name: 'Chrome', version: '131', userAgent: 'UA' }, extension: { name: 'ShopSentinel', version: '0.1.0' }, ruleSet: { version: 'r1' } }),
      newId: () => `id${++n}x${Math.random().toString(36).slice(2, 8)}`,
      now: () => new Date(Date.UTC(2026, 10, 22, 2, 0, n)),
      settings: async () => ({ fullPage: false, mhtml: false, lang: 'en' }),
      journal: journalOf(store),
    };
    const svc = createEvidenceService(deps);
    const call = async <T = any>(type: string, payload: unknown): Promise<T> => {
      const r = await svc.handle({ type, payload });
      if (!r.ok) throw new Error(r.error);
      return r.value as T;
    };
    return { svc, call };
  }

  it('no half record, the other snapshots still listed and intact, the user told; the next save clears the notice', async () => {
    const factory = new IDBFactory();
    const store = memoryStore();
    const w1 = await startWorker(factory, store);
    const kept = await w1.call('save-evidence', { tabId: 7 });

    // worker 2 starts a save that never finishes (the browser stops the worker during the capture)
    const w2 = await startWorker(factory, store, { hang: true });
    void w2.svc.handle({ type: 'save-evidence', payload: { tabId: 7 } });
    await vi.waitFor(() => expect((store.value as { pending?: unknown })?.pending).toMatchObject({ tabId: 7, url: 'https://shop.example.com/item' }));
    // while it runs, the same worker does not call it interrupted
    expect(((await w2.call('evidence-list', {})).problems as RecordProblem[]).filter((p) => p.interrupted)).toEqual([]);

    // worker 3: the restarted background
    const w3 = await startWorker(factory, store);
    const list = await w3.call('evidence-list', {});
    expect(list.snapshots.map((s: { id: string }) => s.id)).toEqual([kept.snapshotId]);
    const cut = (list.problems as RecordProblem[]).filter((p) => p.interrupted);
    expect(cut).toHaveLength(1);
    expect(cut[0]!.interrupted).toMatchObject({ tabId: 7, url: 'https://shop.example.com/item', title: 'Item' });
    expect(cut[0]!.message).toMatch(/interrupted.*Nothing was saved/);
    expect((await w3.call('evidence-check', { snapshotId: kept.snapshotId })).ok).toBe(true);

    // saving again works (the dead worker's in-flight flag died with it) and the notice goes away
    const again = await w3.call('save-evidence', { tabId: 7 });
    const after = await w3.call('evidence-list', {});
    expect(after.snapshots).toHaveLength(2);
    expect(after.snapshots.map((s: { id: string }) => s.id)).toContain(again.snapshotId);
    expect((after.problems as RecordProblem[]).filter((p) => p.interrupted)).toEqual([]);
  });

  it('a save that fails with a message the user saw leaves nothing pending', async () => {
    const factory = new IDBFactory();
    const store = memoryStore();
    // capture fails (tab gone during capture): the user is told right away
    const failing = await startWorker(factory, store, { fail: new Error('No tab with id: 7') });
    const r = await failing.svc.handle({ type: 'save-evidence', payload: { tabId: 7 } });
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/Nothing was saved/) });
    expect(store.value).toEqual({ pending: null, interrupted: null });
    const w3 = await startWorker(factory, store);
    expect(((await w3.call('evidence-list', {})).problems as RecordProblem[]).filter((p) => p.interrupted)).toEqual([]);
  });
});
