/** A semicircular gauge: the score on a 0–100 arc, coloured by level. */
import type { Level } from '../engine/types';

const COLORS: Record<Level, string> = { safe: '#2f855a', caution: '#b7791f', warning: '#dd6b20', danger: '#c53030' };

export function ScoreGauge({ score, level, label }: { score: number; level: Level; label: string }) {
  const r = 40;
  const length = Math.PI * r;
  const value = Math.max(0, Math.min(100, score));
  return (
    <svg class="gauge" width="112" height="70" viewBox="0 0 100 62" role="img" aria-label={`${label}: ${Math.round(value)}/100`}>
      <path d="M10 52 A40 40 0 0 1 90 52" fill="none" stroke="#e2e8f0" stroke-width="10" stroke-linecap="round" />
      {value > 0 && <path
        d="M10 52 A40 40 0 0 1 90 52"
        fill="none"
        stroke={COLORS[level]}
        stroke-width="10"
        stroke-linecap="round"
        stroke-dasharray={`${(length * value) / 100} ${length}`}
      />}
      <text class="num" x="50" y="48" text-anchor="middle">{Math.round(value)}</text>
      <text class="sub" x="50" y="60" text-anchor="middle">{label}</text>
    </svg>
  );
}
