/** The evidence feature of the background, for the background entrypoint to wire. */
export { createEvidenceService, type EvidenceService, type EvidenceServiceDeps, type EvidenceHandlers } from './service';
export { createBrowserEvidenceDeps, createEvidenceTriggers, detectBrowser, EVIDENCE_COMMAND, EVIDENCE_MENU_ID, scriptingPageAccess } from './browser-deps';
export { captureAndSave, EvidenceError, type SaveEvidenceDeps, type SaveEvidenceRequest, type SaveEvidenceResult } from './save-evidence';
export { captureTab, type CaptureTabDeps, type PageAccess } from './capture-page';
export { createCanvasImageOps, createRgbaImageOps, type ImageOps } from './image-ops';
export { EVIDENCE_MESSAGE_TYPES, EVIDENCE_MESSAGE_ORIGINS, EVIDENCE_SCHEMAS } from '../../messaging/evidence-messages';
export { createEvidenceListener } from './listener';
