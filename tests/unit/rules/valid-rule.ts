/** A custom rule that passes validation, for tests that alter one field at a time. */
export const VALID_RULE = {
  id: 'my-rule',
  category: 'unfair-terms',
  severity: 'medium',
  locales: ['zh'],
  title: { zh: '标题', en: 'Title' },
  patterns: { phrases: ['概不退换'] },
  explanation: { zh: '说明', en: 'Why' },
  examples: { match: ['一经售出概不退换'], noMatch: ['七天无理由退换'] },
};
