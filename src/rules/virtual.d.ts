declare module 'virtual:shop-sentinel/match-rules' {
  const rules: import('./match-rule').MatchRule[];
  export default rules;
}
declare module 'virtual:shop-sentinel/rule-texts' {
  const texts: import('./match-rule').RuleText[];
  export default texts;
}
