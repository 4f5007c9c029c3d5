/**
 * The zod schema of the brand registry (data/brands.json). Used by tests, the eval and tooling to
 * validate the data; the runtime (content script) imports registry.ts only, so zod stays out of the
 * page bundle.
 */
import { z } from 'zod';

const domainName = z
  .string()
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}$/, 'must be a lower-case registrable domain such as alipay.com');
const token = z.string().regex(/^[a-z0-9-]{2,}$/, 'host tokens are lower-case ASCII letters, digits and hyphens');

export const brandSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  kind: z.enum(['payment', 'shopping', 'bank', 'card']),
  names: z.strictObject({
    en: z.array(z.string().min(1)).min(1),
    zh: z.array(z.string().min(1)).min(1),
    pinyin: z.array(z.string().regex(/^[a-z]+$/)),
  }),
  tokens: z.strictObject({
    strong: z.array(token),
    weak: z.array(token),
    common: z.array(token).default([]),
    /** words that tie an ordinary brand word (tokens.common) to the brand: apple + icloud, visa + 3ds */
    context: z.array(token).optional(),
    /** words of the ordinary sense: a host carrying one is not about the brand (visa + travel) */
    otherSense: z.array(token).optional(),
    /** only context words count as keywords next to the ordinary word (visa info, visa service are the travel sense) */
    contextOnly: z.boolean().optional(),
  }),
  contentNames: z.array(z.string().min(2)).min(1),
  anyCountryTld: z.boolean().optional(),
  domains: z
    .array(z.strictObject({ domain: domainName, source: z.string().min(1), note: z.string().optional() }))
    .min(1),
  /** official suffixes under which third parties own sites (e.g. <store>.myshopify.com) */
  userContentSuffixes: z.array(domainName).optional(),
});

export const registrySchema = z
  .strictObject({
    $comment: z.string().optional(),
    sources: z.record(z.string(), z.string()),
    brands: z.array(brandSchema).min(1),
  })
  .superRefine((reg, ctx) => {
    const ids = new Set<string>();
    reg.brands.forEach((b, i) => {
      if (ids.has(b.id)) ctx.addIssue({ code: 'custom', path: ['brands', i, 'id'], message: `duplicate brand id ${b.id}` });
      ids.add(b.id);
      b.domains.forEach((d, j) => {
        if (!(d.source in reg.sources))
          ctx.addIssue({ code: 'custom', path: ['brands', i, 'domains', j, 'source'], message: `unknown source "${d.source}"` });
      });
    });
  });

export type BrandData = z.output<typeof brandSchema>;
export type RegistryData = z.output<typeof registrySchema>;

/** Parses registry data; throws with readable zod messages when it is malformed. */
export function parseRegistry(data: unknown): RegistryData {
  const result = registrySchema.safeParse(data);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `brands.json: ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid brand registry:\n${lines.join('\n')}`);
  }
  return result.data;
}

