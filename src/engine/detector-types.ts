/**
 * Detectors are the few checks that phrases cannot express (lookalike hosts, payment targets,
 * form fields). Each is named by a rule file (`"detector": "<name>"`), which gives it its category,
 * severity, explanation and legal basis; the detector only says where and what it saw.
 */
import type { Excerpt, FindingDetail, Locator, PageSnapshot, PageType } from './types';

export interface DetectorContext {
  snapshot: PageSnapshot;
  pageType: PageType;
  /** normalized text of each segment, same index as snapshot.segments */
  normalized: readonly string[];
  /** lower-case host of the top frame ('' for file: pages) */
  host: string;
}

export interface DetectorHit {
  locator: Locator;
  excerpt: Excerpt;
  detail?: FindingDetail;
  occurrences?: number;
}

export type Detector = (ctx: DetectorContext) => DetectorHit[];
