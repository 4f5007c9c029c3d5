/**
 * When this copy of the content script stops. WXT invalidates its content-script context when a
 * "newer copy started" event reaches `document`; any page can dispatch that event (its type names our
 * extension id, which is public for a store extension, and Chromium hands the event's detail across
 * worlds), and obeying it blindly let a scam page remove our banner and stop the scanner with one
 * line of script. So its invalidation is obeyed only once the extension is really gone from this copy
 * (after an update or a reload `runtime.id` is undefined in the old copy). A second live copy in the
 * same tab (the background re-injecting on install) takes over through the content-script world's own
 * global, which no page script can reach.
 */
export interface Stoppable {
  stop(): void;
}

const CURRENT = '__shopSentinelContent';

export function startOnce<T extends Stoppable>(
  start: () => T,
  onInvalidated: (stop: () => void) => void,
  extensionAlive: () => boolean,
  world: Record<string, unknown> = globalThis as unknown as Record<string, unknown>,
): T {
  const previous = world[CURRENT] as Stoppable | undefined;
  previous?.stop();
  const handle = start();
  world[CURRENT] = handle;
  // a page forging WXT's event while we are still the live copy is ignored (stop() is idempotent)
  onInvalidated(() => extensionAlive() || handle.stop());
  return handle;
}
