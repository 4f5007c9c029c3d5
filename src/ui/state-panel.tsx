/** Designed empty / info / error states (never a blank popup). */
import type { ComponentChildren } from 'preact';
import { StateIcon } from './icons';

export function StatePanel({ kind, title, body, children }: { kind: 'ok' | 'info' | 'error'; title: string; body: string; children?: ComponentChildren }) {
  return (
    <div class="state" data-state={kind}>
      <StateIcon kind={kind} />
      <h2>{title}</h2>
      <p>{body}</p>
      {children}
    </div>
  );
}
