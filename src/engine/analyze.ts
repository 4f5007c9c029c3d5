/**
 * One-call analysis for whole snapshots (CLI, tests, evidence): the same session the content
 * script drives segment by segment.
 * Node-only helpers (analyzeHtml, analyzeText, builtinRules) are in src/node/engine.ts.
 */
import type { CompiledRules } from '../rules/compile';
import type { PageSnapshot, TextSegment, Zone } from './types';
import { createScanSession, type AnalysisResult, type FinishOptions } from './session';
import { FULL_ENVIRONMENT } from './detectors';
import type { ScanEnvironment } from './detect';

export type { AnalysisResult } from './session';

export function analyzeSnapshot(
  snapshot: PageSnapshot,
  compiled: CompiledRules,
  options: FinishOptions = {},
  env: ScanEnvironment = FULL_ENVIRONMENT,
): AnalysisResult {
  const session = createScanSession(compiled, env);
  snapshot.segments.forEach((segment, i) => session.putSegment(i, segment));
  const { segments: _segments, ...facts } = snapshot;
  return session.finish(facts, options);
}

export interface TextSnapshotOptions {
  url?: string;
  title?: string;
  lang?: string;
  zone?: Zone;
}

/** A snapshot of a page that shows just this text (rule examples, text corpora). */
export function snapshotFromText(text: string, options: TextSnapshotOptions = {}): PageSnapshot {
  const segments: TextSegment[] = [];
  if (options.title) segments.push({ text: options.title, zone: 'title', path: 'title' });
  segments.push({ text, zone: options.zone ?? 'body', path: 'body' });
  return {
    url: options.url ?? 'https://shop.example.com/item/1',
    title: options.title ?? '',
    lang: options.lang ?? '',
    segments,
    forms: [],
    looseFields: [],
    links: [],
    iframes: [],
    images: [],
    scripts: [],
    meta: {},
    qrPayloads: [],
    structuredTypes: [],
    articleChars: 0,
    truncated: false,
  };
}
