/** Every detector a rule may name, by name. */
import type { Detector } from './detector-types';
import { DOMAIN_DETECTORS, isOfficialHost } from '../domains';
import { runDetectorRules, type ScanEnvironment } from './detect';

export const DETECTORS: Readonly<Record<string, Detector>> = { ...DOMAIN_DETECTORS };
export const KNOWN_DETECTORS: ReadonlySet<string> = new Set(Object.keys(DETECTORS));

/** Everything: the environment for Node, the tests and the background. */
export const FULL_ENVIRONMENT: ScanEnvironment = {
  detect: (compiled, ctx, official, keyOf) => runDetectorRules(compiled, ctx, DETECTORS, official, keyOf),
  isOfficialHost,
};
