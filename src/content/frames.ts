/**
 * Frames of the page's own origin — a srcdoc frame, an about:blank frame a script writes into, a
 * page of the same site — are parts of the page the shopper sees, and our content script runs in
 * the top frame only: their documents are read from here, when first met and after each load.
 * A cross-origin frame's contentDocument is null: out of reach (docs/SECURITY.md).
 */
export interface Frames {
  add(frames: readonly Element[]): void;
  stop(): void;
}

/** `onDocument` gets a frame's document each time one can be read (the scan reads and watches it). */
export function watchFrames(onDocument: (doc: Document) => void): Frames {
  const seen = new WeakSet<Element>();
  const listeners = new AbortController();
  const read = (frame: Element) => {
    try {
      const doc = (frame as HTMLIFrameElement).contentDocument;
      if (doc?.documentElement) onDocument(doc);
    } catch {
      /* cross-origin: nothing to read */
    }
  };
  return {
    add(frames) {
      for (const frame of frames) {
        if (seen.has(frame)) continue;
        seen.add(frame);
        frame.addEventListener('load', () => read(frame), { signal: listeners.signal });
        read(frame);
      }
    },
    stop: () => listeners.abort(),
  };
}
