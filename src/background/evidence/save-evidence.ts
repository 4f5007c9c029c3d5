/**
 * One click → one sealed, stored snapshot: capture the tab, seal (hash every artefact, write capture.json),
 * save atomically, and report success or a clear error. Dependencies are injected.
 */
import type { ExplainedFinding, Finding, RiskReport } from '../../engine/types';
import { sealSnapshot } from '../../evidence/assemble';
import type { CapturedFinding } from '../../evidence/types';
import { EvidenceStorageError, saveSnapshot, type EvidenceDb } from '../../storage/evidence-db';
import { captureTab, isFatalTabError, type CaptureTabDeps } from './capture-page';
import type { CaptureLimits } from '../../evidence/capture-plan';
import type { SaveJournal } from './save-journal';

export interface TabInfo {
  id: number;
  windowId: number;
  url: string;
  title: string;
  active: boolean;
}

export interface EnvironmentInfo {
  browser: { name: string; version: string; userAgent: string };
  extension: { name: string; version: string };
  ruleSet: { version: string; rules?: number };
}

export interface SaveEvidenceDeps {
  openDb(): Promise<EvidenceDb>;
  getTab(tabId: number): Promise<TabInfo | null>;
  /** the findings and score the background holds for the tab right now, or null */
  getTabReport(tabId: number): Promise<{ findings: (ExplainedFinding | Finding)[]; report: RiskReport | null } | null>;
  /** builds the page/screenshot dependencies for one tab */
  captureDeps(tab: TabInfo, options: { mhtml: boolean }): Promise<CaptureTabDeps>;
  environment(): Promise<EnvironmentInfo>;
  newId(): string;
  now(): Date;
  timeZone?: string;
  limits?: CaptureLimits;
  /** remembers a save under way, so one the browser cuts short (worker stopped) is reported later */
  journal?: SaveJournal;
}

export interface SaveEvidenceRequest {
  tabId: number;
  note: string;
  caseId: string | null;
  fullPage: boolean;
  mhtml: boolean;
}

export interface SaveEvidenceResult {
  snapshotId: string;
  files: number;
  bytes: number;
  ms: number;
  warnings: string[];
  fullPageTiles: number;
}

export type EvidenceErrorCode = 'busy' | 'tab-closed' | 'not-capturable' | 'not-visible' | 'quota' | 'storage' | 'failed';

export class EvidenceError extends Error {
  constructor(
    readonly code: EvidenceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EvidenceError';
  }
}

const CAPTURABLE = /^(https?|file):/i;

function toCapturedFindings(findings: (ExplainedFinding | Finding)[]): CapturedFinding[] {
  // Plain JSON copy: capture.json keeps exactly what the user was shown.
  return JSON.parse(JSON.stringify(findings)) as CapturedFinding[];
}

export function describeError(err: unknown): EvidenceError {
  if (err instanceof EvidenceError) return err;
  if (err instanceof EvidenceStorageError) return new EvidenceError(err.code === 'quota' ? 'quota' : 'storage', err.message);
  const msg = err instanceof Error ? err.message : String(err);
  if (/No tab with id|tab was closed|Invalid tab ID|Frame with ID 0 was removed/i.test(msg)) return new EvidenceError('tab-closed', 'The tab was closed or navigated away during the capture. Nothing was saved.');
  if (/'<all_urls>' or 'activeTab' permission|activeTab/i.test(msg))
    return new EvidenceError(
      'not-capturable',
      'The browser only lets ShopSentinel screenshot the page you pointed it at: open ShopSentinel from the toolbar button on that page (or press the keyboard shortcut, or use the right-click menu), then save again. Nothing was saved.',
    );
  if (isFatalTabError(err)) return new EvidenceError('not-capturable', `This page cannot be captured (${msg}). Nothing was saved.`);
  if (/QuotaExceeded|quota/i.test(msg)) return new EvidenceError('quota', 'The browser has no more storage space for evidence. Nothing was saved.');
  return new EvidenceError('failed', `Saving the evidence failed: ${msg}. Nothing was saved.`);
}

let inFlight = false;

/** A capture that takes longer than this is abandoned (nothing is saved) so the next one can run. */
export const CAPTURE_TIMEOUT_MS = 180_000;

export async function captureAndSave(deps: SaveEvidenceDeps, req: SaveEvidenceRequest, timeoutMs = CAPTURE_TIMEOUT_MS): Promise<SaveEvidenceResult> {
  if (inFlight) throw new EvidenceError('busy', 'Another page is being saved right now. Try again in a few seconds.');
  inFlight = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const state = { abandoned: false };
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      state.abandoned = true;
      reject(new EvidenceError('failed', `The capture took longer than ${Math.round(timeoutMs / 1000)} s and was abandoned. Nothing was saved.`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([captureAndSaveOnce(deps, req, state), timeout]);
  } finally {
    clearTimeout(timer);
    // the outcome (result or error) goes to whoever asked: this save is no longer pending
    await deps.journal?.end();
    inFlight = false;
  }
}

async function captureAndSaveOnce(deps: SaveEvidenceDeps, req: SaveEvidenceRequest, state: { abandoned: boolean }): Promise<SaveEvidenceResult> {
  const started = typeof performance !== 'undefined' ? performance.now() : Date.now();
  try {
    const tab = await deps.getTab(req.tabId);
    if (!tab) throw new EvidenceError('tab-closed', 'The tab is gone. Nothing was saved.');
    if (!CAPTURABLE.test(tab.url)) throw new EvidenceError('not-capturable', 'Only web pages (http, https or file) can be saved as evidence.');
    if (!tab.active) throw new EvidenceError('not-visible', 'The tab must be visible to take its screenshot. Switch to it and try again.');
    const capturedAt = deps.now();
    await deps.journal?.begin({ startedAt: capturedAt.toISOString(), tabId: tab.id, url: tab.url.slice(0, 4096), title: tab.title.slice(0, 1000) });
    const [report, env, captureDeps] = await Promise.all([deps.getTabReport(tab.id), deps.environment(), deps.captureDeps(tab, { mhtml: req.mhtml })]);
    const captured = await captureTab(captureDeps, { fullPage: req.fullPage, capturedAt, ...(deps.limits ? { limits: deps.limits } : {}) });
    const after = await deps.getTab(req.tabId);
    if (!after) throw new EvidenceError('tab-closed', 'The tab was closed during the capture. Nothing was saved.');

    const id = deps.newId();
    const sealed = await sealSnapshot(
      id,
      captured.raw,
      {
        url: tab.url,
        finalUrl: captured.collected?.url || captured.metrics.url || tab.url,
        title: captured.collected?.title || captured.metrics.title || tab.title,
        capturedAt,
        browser: env.browser,
        extension: env.extension,
        ruleSet: env.ruleSet,
        page: {
          viewport: { width: captured.metrics.viewportWidth, height: captured.metrics.viewportHeight, devicePixelRatio: captured.metrics.devicePixelRatio },
          scrollHeight: captured.metrics.scrollHeight,
          fullPage: captured.fullPage,
        },
        findings: toCapturedFindings(report?.findings ?? []),
        report: report?.report ? { ...report.report } : null,
        note: req.note.slice(0, 5000),
        warnings: captured.warnings,
      },
      deps.timeZone,
    );
    const db = await deps.openDb();
    if (state.abandoned) throw new EvidenceError('failed', 'The capture was abandoned after its time limit. Nothing was saved.');
    await saveSnapshot(db, { sealed, caseId: req.caseId, thumbnail: captured.thumbnail ? { bytes: captured.thumbnail, mime: 'image/png' } : null, now: deps.now() });
    const ended = typeof performance !== 'undefined' ? performance.now() : Date.now();
    return {
      snapshotId: id,
      files: sealed.artefacts.length,
      bytes: sealed.artefacts.reduce((n, a) => n + a.artefact.size, 0),
      ms: Math.round(ended - started),
      warnings: captured.warnings,
      fullPageTiles: captured.fullPage.tiles,
    };
  } catch (err) {
    throw describeError(err);
  }
}
