/**
 * When this copy of the content script stops. Chrome does not stop a content script when its
 * extension is updated or reloaded: the old copy lives on in the page, cut off (`runtime.id` is
 * undefined), and the background injects the new one (src/background/reinject.ts). Copies of our
 * script in one tab share the content-script world, so a new copy stops the one before it through
 * that world's global, which no page script can reach; a copy that finds its extension gone stops
 * itself (checked every second). No DOM event is sent or listened to: WXT's content-script context
 * did both, and any page could forge its "newer copy started" event to switch us off.
 */
export interface Stoppable {
  stop(): void;
}

const CURRENT = '__shopSentinelContent';
export const ALIVE_CHECK_MS = 1_000;

export function startOnce(
  start: () => Stoppable,
  extensionAlive: () => boolean,
  world: Record<string, unknown> = globalThis as unknown as Record<string, unknown>,
): void {
  (world[CURRENT] as Stoppable | undefined)?.stop();
  const handle = start();
  const stop = () => {
    clearInterval(check);
    handle.stop();
  };
  const check = setInterval(() => extensionAlive() || stop(), ALIVE_CHECK_MS);
  world[CURRENT] = { stop };
}
