/**
 * Custom elements the page defines after the scan met them: the upgrade runs their constructor,
 * which usually attaches a shadow root and fills it, and no mutation of the light tree reports
 * that (an isolated world has no customElements.whenDefined to wait on). So the custom elements a
 * walk passed without a shadow root are looked at again a few times, backing off: one that has a
 * root now is handed back once (extracting the element reads its root as the walk would), one
 * defined without a root is let go, and the rest wait until the last look.
 */

/** when to look again after elements were added, ms after the previous look */
export const LATE_HOST_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000, 16_000];
/** at most this many elements wait at once (a page of 100,000 undefined elements costs no more) */
export const MAX_LATE_HOSTS = 2_000;

export interface LateHosts {
  /** custom elements met without a shadow root */
  add(elements: readonly Element[]): void;
  /** how many are waiting */
  pending(): number;
  stop(): void;
}

/**
 * `hasRoot` says whether an element now carries a shadow root (open, or closed where readable);
 * `onDefined` gets the elements that were defined with one since the last look.
 */
export function watchLateHosts(hasRoot: (el: Element) => boolean, onDefined: (elements: Element[]) => void, delays: readonly number[] = LATE_HOST_DELAYS_MS): LateHosts {
  const waiting = new Set<Element>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let stopped = false;

  const look = () => {
    timer = undefined;
    const found: Element[] = [];
    for (const el of waiting) {
      if (!el.isConnected) waiting.delete(el);
      else if (hasRoot(el)) {
        waiting.delete(el);
        found.push(el);
      } else if (el.matches(':defined')) waiting.delete(el); // defined without a root: none is coming
    }
    attempt++;
    if (waiting.size && attempt < delays.length) timer = setTimeout(look, delays[attempt]);
    else waiting.clear();
    if (found.length) onDefined(found);
  };

  return {
    add(elements) {
      if (stopped) return;
      let added = false;
      for (const el of elements) {
        if (waiting.size >= MAX_LATE_HOSTS) break;
        if (!waiting.has(el)) {
          waiting.add(el);
          added = true;
        }
      }
      if (!added || !delays.length) return;
      // new elements start the schedule over (a look already due stays due: rescans every few
      // hundred ms must not put it off for ever)
      attempt = 0;
      timer ??= setTimeout(look, delays[0]);
    },
    pending: () => waiting.size,
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      waiting.clear();
    },
  };
}
