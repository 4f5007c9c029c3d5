/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped. Used wherever a hash
 * is computed over structured data (chain records, snapshot digests) so the same data always hashes the same.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortDeep(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortDeep(v);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** Pretty JSON with sorted keys, for files people read (manifest.json, capture.json). Ends with a newline. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(sortDeep(value), null, 2) + '\n';
}
