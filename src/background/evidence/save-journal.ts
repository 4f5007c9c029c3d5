/**
 * Remembers that a save is under way, so that a save the browser cut short is not forgotten.
 *
 * The browser may stop the background (an MV3 service worker, a Firefox event page) at any moment,
 * also in the middle of a save. The IndexedDB transaction then never commits, so nothing half-written
 * is kept (src/storage/evidence-db.ts) — but the page that asked gets no answer, and a save started
 * from the keyboard shortcut or the context menu tells nobody. So a save first writes a "pending"
 * entry (storage.local: it survives a worker restart and a browser crash) and clears it when it
 * ends, successfully or with an error the user was shown. A background that starts and finds a
 * pending entry knows that an earlier background died while saving: the entry becomes "interrupted",
 * and the evidence page shows it until the next save ends.
 *
 * Best effort: a journal that cannot be read or written never blocks or fails a save.
 */
import { z } from 'zod';

const EntrySchema = z.object({
  startedAt: z.string().max(40),
  tabId: z.number().int(),
  url: z.string().max(4096),
  title: z.string().max(1000),
});
export type SaveJournalEntry = z.infer<typeof EntrySchema>;

const StateSchema = z.object({
  pending: EntrySchema.nullable().catch(null),
  interrupted: EntrySchema.nullable().catch(null),
});
type State = z.infer<typeof StateSchema>;

const EMPTY: State = { pending: null, interrupted: null };

/** Where the journal lives (storage.local in the extension, a variable in tests). */
export interface SaveJournalStore {
  get(): Promise<unknown>;
  set(state: State): Promise<void>;
}

export interface SaveJournal {
  /** Once per background start (memoized): turns a pending entry left by an earlier background into "interrupted". */
  recover(): Promise<SaveJournalEntry | null>;
  /** A save starts (after the busy check, before any capture work). */
  begin(entry: SaveJournalEntry): Promise<void>;
  /** The save ended and its outcome was reported: clears the pending entry and any older interruption. */
  end(): Promise<void>;
  /** The last save, if a background stopped in its middle, else null. */
  interrupted(): Promise<SaveJournalEntry | null>;
}

export const SAVE_JOURNAL_KEY = 'evidenceSaveJournal';

function parse(raw: unknown): State {
  const parsed = StateSchema.safeParse(raw);
  return parsed.success ? parsed.data : { ...EMPTY };
}

export function createSaveJournal(store: SaveJournalStore): SaveJournal {
  const read = async (): Promise<State> => {
    try {
      return parse(await store.get());
    } catch {
      return { ...EMPTY };
    }
  };
  const write = async (state: State): Promise<void> => {
    try {
      await store.set(state);
    } catch {
      // best effort: the save itself goes on
    }
  };
  let recovered: Promise<SaveJournalEntry | null> | null = null;
  const recover = () =>
    (recovered ??= (async () => {
      const state = await read();
      if (!state.pending) return state.interrupted;
      await write({ pending: null, interrupted: state.pending });
      return state.pending;
    })());
  return {
    recover,
    async begin(entry) {
      await recover();
      const state = await read();
      await write({ ...state, pending: entry });
    },
    async end() {
      await recover();
      await write({ ...EMPTY });
    },
    async interrupted() {
      await recover();
      return (await read()).interrupted;
    },
  };
}

/** The user-facing text (English; the evidence page shows its own localized sentence from the fields). */
export function describeInterruptedSave(entry: SaveJournalEntry): string {
  const what = entry.title ? `"${entry.title}" (${entry.url})` : entry.url || `tab ${entry.tabId}`;
  return `The save of ${what} started at ${entry.startedAt} was interrupted: the browser stopped ShopSentinel's background before it finished. Nothing was saved. Open the page and save it again.`;
}
