/**
 * User settings: one versioned storage item (`local:settings`) with migrations, a zod schema that
 * repairs anything unexpected (bad stored data never crashes the extension), export/import as JSON,
 * trusted-site and custom-rule-pack helpers.
 *
 * Version history:
 *   v1 — { lang: 'auto'|'zh-CN'|'en', showBanner: boolean, disabledCategories: string[], whitelist: string[] }
 *   v2 — { language, bannerLevel, categories: Record<Category, boolean>, trustedSites, customPacks }
 *   v3 — v2 + evidence: { fullPage: boolean (default true), mhtml: boolean (default false; Chrome only,
 *        needs the optional pageCapture permission) }
 */
import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { CATEGORIES, type Category } from '../engine/types';
import { checkedRuleSchema, type Rule } from '../rules/schema';
import { validateRulePack } from '../rules/catalog';

export const SETTINGS_VERSION = 3;
export const SETTINGS_FORMAT = 'shop-sentinel-settings';

export const BANNER_LEVELS = ['caution', 'warning', 'danger', 'off'] as const;
export type BannerLevel = (typeof BANNER_LEVELS)[number];

const hostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:]+\](?::\d{1,5})?$/, 'not a host name');

export const customPackSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  version: z.string().max(40).optional(),
  importedAt: z.number().int().min(0),
  rules: z.array(checkedRuleSchema).min(1).max(2000),
});
export type CustomPack = z.output<typeof customPackSchema>;

export const DEFAULT_EVIDENCE_SETTINGS = { fullPage: true, mhtml: false } as const;

/** How evidence is captured: full page by scroll-and-stitch, and MHTML (Chrome, opt-in). */
export const evidenceSettingsSchema = z
  .object({
    fullPage: z.boolean().catch(DEFAULT_EVIDENCE_SETTINGS.fullPage),
    mhtml: z.boolean().catch(DEFAULT_EVIDENCE_SETTINGS.mhtml),
  })
  .catch({ ...DEFAULT_EVIDENCE_SETTINGS });
export type EvidenceSettings = z.output<typeof evidenceSettingsSchema>;

const defaultCategories = (): Record<Category, boolean> =>
  Object.fromEntries(CATEGORIES.map((c) => [c, true])) as Record<Category, boolean>;

export const settingsSchema = z.object({
  language: z.enum(['auto', 'zh', 'en']).catch('auto'),
  bannerLevel: z.enum(BANNER_LEVELS).catch('warning'),
  categories: z
    .record(z.string(), z.unknown())
    .catch({})
    .transform((raw) => {
      const out = defaultCategories();
      for (const c of CATEGORIES) if (typeof raw[c] === 'boolean') out[c] = raw[c];
      return out;
    }),
  trustedSites: z
    .array(z.unknown())
    .catch([])
    .transform((list) => [...new Set(list.flatMap((h) => { const r = hostSchema.safeParse(h); return r.success ? [r.data] : []; }))].sort()),
  customPacks: z
    .array(z.unknown())
    .catch([])
    .transform((list) => list.flatMap((p) => { const r = customPackSchema.safeParse(p); return r.success ? [r.data] : []; })),
  evidence: evidenceSettingsSchema,
});
export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** v1 → v2. Unknown or malformed v1 fields fall back to defaults. */
export function migrateV1toV2(v1: unknown): Settings {
  const o = (v1 && typeof v1 === 'object' ? v1 : {}) as Record<string, unknown>;
  const lang = o.lang === 'zh-CN' || o.lang === 'zh' ? 'zh' : o.lang === 'en' ? 'en' : 'auto';
  const disabled = Array.isArray(o.disabledCategories) ? o.disabledCategories : [];
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, !disabled.includes(c)]));
  return settingsSchema.parse({
    language: lang,
    bannerLevel: o.showBanner === false ? 'off' : 'warning',
    categories,
    trustedSites: Array.isArray(o.whitelist) ? o.whitelist : [],
    customPacks: [],
  });
}

/**
 * v2 → v3: adds the evidence settings with their defaults (full page on, MHTML off). Keeps every v2
 * field; an `evidence` object already present (a store written by a newer build, then re-labelled v2)
 * is kept where valid, so running it twice changes nothing.
 */
export function migrateV2toV3(v2: unknown): Settings {
  const o = (v2 && typeof v2 === 'object' ? v2 : {}) as Record<string, unknown>;
  return settingsSchema.parse({ ...o, evidence: o.evidence ?? { ...DEFAULT_EVIDENCE_SETTINGS } });
}

const MIGRATIONS: Record<number, (old: unknown) => unknown> = { 2: migrateV1toV2, 3: migrateV2toV3 };

/** Runs the migrations from `fromVersion` up to the current version, then repairs with the schema. */
export function migrateSettings(raw: unknown, fromVersion: number): Settings {
  if (!Number.isInteger(fromVersion) || fromVersion < 1) throw new Error(`settings: unknown version ${String(fromVersion)}`);
  if (fromVersion > SETTINGS_VERSION) throw new Error(`settings: version ${fromVersion} is newer than this extension understands (${SETTINGS_VERSION})`);
  let value = raw;
  for (let v = fromVersion + 1; v <= SETTINGS_VERSION; v++) value = MIGRATIONS[v]!(value);
  return settingsSchema.parse(value ?? {});
}

/** The storage item. A factory so tests can seed old data before the item migrates it. */
export function defineSettingsItem() {
  return storage.defineItem<Settings>('local:settings', {
    fallback: DEFAULT_SETTINGS,
    version: SETTINGS_VERSION,
    migrations: { 2: (old: unknown) => migrateV1toV2(old), 3: (old: unknown) => migrateV2toV3(old) },
  });
}

let item: ReturnType<typeof defineSettingsItem> | undefined;
function settingsItem() {
  return (item ??= defineSettingsItem());
}

export async function loadSettings(): Promise<Settings> {
  const raw = await settingsItem().getValue();
  const parsed = settingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveSettings(next: Settings): Promise<Settings> {
  const clean = settingsSchema.parse(next);
  await settingsItem().setValue(clean);
  return clean;
}

export async function updateSettings(change: (s: Settings) => Settings): Promise<Settings> {
  return saveSettings(change(await loadSettings()));
}

export function watchSettings(cb: (s: Settings) => void): () => void {
  return settingsItem().watch((v) => {
    const parsed = settingsSchema.safeParse(v ?? {});
    cb(parsed.success ? parsed.data : DEFAULT_SETTINGS);
  });
}

/** The host a trust decision is about: lower-case, without "www.". */
export function siteKey(hostOrUrl: string): string {
  let host = hostOrUrl.trim().toLowerCase();
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) host = new URL(host).host;
  } catch {
    /* keep as is */
  }
  return host.replace(/^www\./, '');
}

export function isTrusted(settings: Settings, hostOrUrl: string): boolean {
  const key = siteKey(hostOrUrl);
  return key !== '' && settings.trustedSites.includes(key);
}

export function setTrusted(settings: Settings, hostOrUrl: string, trusted: boolean): Settings {
  const key = siteKey(hostOrUrl);
  const rest = settings.trustedSites.filter((h) => h !== key);
  return { ...settings, trustedSites: trusted && key ? [...rest, key].sort() : rest };
}

export function disabledCategories(settings: Settings): Category[] {
  return CATEGORIES.filter((c) => !settings.categories[c]);
}

export type ImportResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/**
 * Adds a custom rule pack from JSON text. Errors name the rule and the field; unsafe regexes are
 * refused (validateRulePack); ids may not clash with built-in rules or with another pack.
 */
export function addRulePack(
  settings: Settings,
  text: string,
  knownDetectors: ReadonlySet<string>,
  builtInIds: ReadonlySet<string>,
  now = Date.now(),
): ImportResult<Settings> {
  const result = validateRulePack(text, knownDetectors);
  if (!result.ok) return { ok: false, problems: result.problems };
  const { name, rules } = result.value;
  const others = settings.customPacks.filter((p) => p.name !== name);
  const otherIds = new Set(others.flatMap((p) => p.rules.map((r) => r.id)));
  const problems: string[] = [];
  for (const rule of rules) {
    if (builtInIds.has(rule.id)) problems.push(`rule "${rule.id}": id: already used by a built-in rule`);
    else if (otherIds.has(rule.id)) problems.push(`rule "${rule.id}": id: already used by another custom pack`);
  }
  if (problems.length) return { ok: false, problems };
  let version: string | undefined;
  try {
    const v = (JSON.parse(text) as { version?: unknown }).version;
    if (typeof v === 'string') version = v;
  } catch {
    /* validated above */
  }
  const pack: CustomPack = { name, importedAt: now, rules: rules as Rule[], ...(version ? { version } : {}) };
  return { ok: true, value: { ...settings, customPacks: [...others, pack] } };
}

export function removeRulePack(settings: Settings, name: string): Settings {
  return { ...settings, customPacks: settings.customPacks.filter((p) => p.name !== name) };
}

export function exportSettings(settings: Settings): string {
  return JSON.stringify({ format: SETTINGS_FORMAT, version: SETTINGS_VERSION, settings }, null, 2);
}

/** Reads an exported settings file (this version or an older one, which is migrated). */
export function importSettings(text: string): ImportResult<Settings> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`settings file: not valid JSON (${(e as Error).message})`] };
  }
  const envelope = z
    .object({ format: z.literal(SETTINGS_FORMAT), version: z.number().int().min(1), settings: z.record(z.string(), z.unknown()) })
    .safeParse(json);
  if (!envelope.success) {
    return {
      ok: false,
      problems: envelope.error.issues.map((i) => `settings file: ${i.path.map(String).join('.') || '(root)'}: ${i.message}`),
    };
  }
  try {
    const { version, settings } = envelope.data;
    const migrated = migrateSettings(settings, version);
    const packs = Array.isArray(settings.customPacks) ? settings.customPacks.length : 0;
    const problems = packs !== migrated.customPacks.length && version === SETTINGS_VERSION
      ? [`settings file: customPacks: ${packs - migrated.customPacks.length} pack(s) are invalid`]
      : [];
    return problems.length ? { ok: false, problems } : { ok: true, value: migrated };
  } catch (e) {
    return { ok: false, problems: [(e as Error).message] };
  }
}
