/**
 * Public face of the domain checks (issue 3): host classification and the payment-spoof detectors.
 * Pure — no browser, WXT, Preact or idb — so it runs in the content script, the CLI and the tests.
 */
import type { Detector } from '../engine/detector-types';
import { PAGE_DETECTORS } from './page-checks';

export { classifyHost, isOfficialHost, TECHNIQUES, TECHNIQUE_LABELS, type HostClassification, type Technique, type Verdict } from './classify-host';
export { parseHostInput, hostOfUrl } from './host-input';
export { BRANDS, REGISTRY, listOfficialDomains, brandDisplayName, type Brand } from './registry';

/** Detectors for payment-spoof rules, by detector name. */
export const DOMAIN_DETECTORS: Record<string, Detector> = PAGE_DETECTORS;
