/**
 * `npm run eval`: detection quality on ../shared/corpus (evaluation only, never shipped).
 * Text categories (precision/recall per category), domain / payment-spoof checks, and the content
 * script's text gate against keeping every run (eval/gate.ts).
 * Writes the figures to eval/results/latest.json as well.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const corpus = resolve(process.env.SHOP_SENTINEL_CORPUS ?? resolve(import.meta.dirname, '../../shared/corpus'));

async function main() {
  if (!existsSync(corpus)) {
    console.error(`eval: corpus not found at ${corpus} (set SHOP_SENTINEL_CORPUS)`);
    process.exit(2);
  }
  const { evalText, formatTextEval } = await import('../eval/text');
  const { evalDomains, formatDomainEval } = await import('../eval/domains');
  const text = await evalText(corpus);
  console.log(formatTextEval(text));
  const domains = await evalDomains(corpus);
  console.log(formatDomainEval(domains));
  const { evalGate, formatGateEval } = await import('../eval/gate');
  const gate = evalGate(corpus);
  console.log(formatGateEval(gate));
  const out = resolve(import.meta.dirname, '../eval/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 'latest.json'), JSON.stringify({ date: new Date().toISOString(), text, domains, gate }, null, 2));
}

main().catch((e) => {
  console.error(`eval failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
