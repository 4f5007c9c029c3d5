/** Transfer limits shared by the background and the evidence page (no dependencies: the page imports it). */
/** 48 MiB of ZIP as base64 stays under Chrome's 64 MiB runtime-message limit */
export const MAX_IMPORT_BASE64 = 64 * 1024 * 1024;
/** exports and imports larger than this travel in chunks of this size */
export const EXPORT_CHUNK_BYTES = 8 * 1024 * 1024;
