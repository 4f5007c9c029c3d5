/** Every detector a rule may name, by name. */
import type { Detector } from './detector-types';
import { DOMAIN_DETECTORS } from '../domains';

export const DETECTORS: Readonly<Record<string, Detector>> = { ...DOMAIN_DETECTORS };
export const KNOWN_DETECTORS: ReadonlySet<string> = new Set(Object.keys(DETECTORS));
