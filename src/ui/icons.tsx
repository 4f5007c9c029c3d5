/** Small inline SVG icons shared by the extension pages. */
export function ShieldLogo({ class: cls = 'logo' }: { class?: string }) {
  return (
    <svg class={cls} viewBox="0 0 24 24" aria-hidden="true">
      <path fill="#2b6cb0" d="M12 2 4 5.2v6.3c0 5 3.4 8.9 8 10.5 4.6-1.6 8-5.5 8-10.5V5.2z" />
      <path fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="m8.3 12.2 2.6 2.6 4.9-5.3" />
    </svg>
  );
}

export function StateIcon({ kind }: { kind: 'ok' | 'info' | 'error' }) {
  const color = kind === 'ok' ? '#2f855a' : kind === 'error' ? '#c53030' : '#718096';
  return (
    <svg viewBox="0 0 64 64" aria-hidden="true">
      <circle cx="32" cy="32" r="29" fill={color} opacity=".12" />
      <path fill="none" stroke={color} stroke-width="2.5" d="M32 12 17 18v11c0 9.5 6.4 16.9 15 20 8.6-3.1 15-10.5 15-20V18z" />
      {kind === 'ok' && <path fill="none" stroke={color} stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round" d="m25 31.5 5 5 9.5-10" />}
      {kind === 'info' && <path fill="none" stroke={color} stroke-width="3.5" stroke-linecap="round" d="M32 26v12M32 21v.5" />}
      {kind === 'error' && <path fill="none" stroke={color} stroke-width="3.5" stroke-linecap="round" d="m27 26 10 10m0-10-10 10" />}
    </svg>
  );
}
