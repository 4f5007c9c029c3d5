import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../src/background/main';
import { wireEvidence } from '../src/background/wire-evidence';

/**
 * Composition root. The evidence module answers its own messages (save-evidence, evidence-*)
 * through the listener wireEvidence() returns; every other message goes to the main router.
 */
export default defineBackground(() => {
  startBackground([wireEvidence()]);
});
