/**
 * The brand registry: payment and shopping brands, their official registrable domains (each with a
 * source) and the names and host tokens that identify them. Data lives in data/brands.json; its zod
 * schema is registry-schema.ts, checked by tests/unit/domains/registry.test.ts (and by parseRegistry
 * wherever the data can change at run time). Kept free of zod so the content script stays small.
 */
import rawRegistry from './data/brands.json';

export interface BrandDomain {
  domain: string;
  source: string;
  note?: string;
}

export interface Brand {
  id: string;
  kind: 'payment' | 'shopping' | 'bank' | 'card';
  names: { en: string[]; zh: string[]; pinyin: string[] };
  tokens: {
    strong: string[];
    weak: string[];
    common: string[];
    /** words that tie an ordinary brand word to the brand (apple + icloud, visa + 3ds) */
    context?: string[];
    /** words of the ordinary sense: with them the word is not the brand (visa + travel, apple + orchard) */
    otherSense?: string[];
    /** only context words count as keywords next to the ordinary word (visa info, visa service are not Visa) */
    contextOnly?: boolean;
  };
  contentNames: string[];
  anyCountryTld?: boolean;
  domains: BrandDomain[];
  /** official suffixes under which third parties own sites (e.g. <store>.myshopify.com) */
  userContentSuffixes?: string[];
}

export interface Registry {
  $comment?: string;
  sources: Record<string, string>;
  brands: Brand[];
}

export const REGISTRY: Registry = rawRegistry as unknown as Registry;
export const BRANDS: readonly Brand[] = REGISTRY.brands;

/** The English display name of a brand (first English name), with the first Chinese one. */
export function brandDisplayName(brand: Brand): string {
  const en = brand.names.en[0] ?? brand.id;
  const zh = brand.names.zh[0];
  return zh && zh !== en ? `${en} / ${zh}` : en;
}

/** registrable domain → brands that own it */
export const OFFICIAL_DOMAINS: ReadonlyMap<string, readonly Brand[]> = (() => {
  const map = new Map<string, Brand[]>();
  for (const b of BRANDS) for (const d of b.domains) map.set(d.domain, [...(map.get(d.domain) ?? []), b]);
  return map;
})();

/** every official domain with its brand, in registry order (for the eval and tests) */
export function listOfficialDomains(): { domain: string; brand: Brand }[] {
  return BRANDS.flatMap((brand) => brand.domains.map((d) => ({ domain: d.domain, brand })));
}
