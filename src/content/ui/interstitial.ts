/**
 * The blocking interstitial for a spoofed payment page that asks for credentials or card data:
 * names the imitated brand and the differing characters; "Leave this page" / "Continue anyway".
 * While it is up, the page underneath is inert (no focus, no typing).
 */
import type { InterstitialModel, PageVerdict } from '../../messaging/protocol';
import { pageString, type PageStringKey } from '../../i18n/page-strings';
import { BASE_CSS, h, mountShadowHost, type ShadowUi } from './shadow-host';

export const INTERSTITIAL_TAG = 'shop-sentinel-interstitial';

export interface InterstitialHandlers {
  onLeave(): void;
  onContinue(): void;
}

const CSS = /* css */ `${BASE_CSS}
.backdrop { position: fixed; inset: 0; display: grid; place-items: center; padding: 16px; overflow: auto;
  background: radial-gradient(circle at 50% 20%, #9b2c2c 0%, #63171b 55%, #3b0d10 100%); }
.card { width: min(560px, 100%); background: #fff; border-radius: 18px; padding: 30px 30px 24px; box-shadow: 0 30px 80px rgba(0,0,0,.45); }
.icon { width: 56px; height: 56px; margin-bottom: 10px; }
.brand { font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: #c53030; font-weight: 700; }
h1 { font-size: 24px; line-height: 1.25; margin: 4px 0 10px; color: #1a202c; }
p { margin: 0 0 14px; color: #2d3748; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 14px; margin: 0 0 16px; padding: 14px 16px; background: #fff5f5; border: 1px solid #fed7d7; border-radius: 12px; }
dt { color: #742a2a; font-weight: 600; }
dd { margin: 0; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; word-break: break-all; color: #1a202c; }
dd.ok { color: #22543d; }
dd.plain { font-family: inherit; }
.advice { font-size: 13px; color: #4a5568; }
.actions { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-top: 18px; }
.leave { background: #c53030; color: #fff; padding: 11px 20px; font-size: 15px; }
.leave:hover { background: #9b2c2c; }
.continue { background: transparent; color: #718096; border: 0; text-decoration: underline; font-weight: 500; padding: 6px 4px; }
.hint { font-size: 12px; color: #a0aec0; margin-top: 6px; }
`;

export function showInterstitial(doc: Document, model: InterstitialModel, { locale, strings }: Pick<PageVerdict, 'locale' | 'strings'>, handlers: InterstitialHandlers): ShadowUi {
  const ui = mountShadowHost(doc, INTERSTITIAL_TAG, { inset: '0', top: '0', left: '0', width: '100vw', height: '100vh' }, CSS);
  const t = (k: PageStringKey, v?: Record<string, string | number>) => pageString(strings, k, v);
  const body = doc.body;
  const wasInert = body?.inert ?? false;
  if (body) body.inert = true;
  // the page may not make itself typeable again: re-assert inert, pull focus back into the dialog
  const inertGuard = new MutationObserver(() => {
    if (body && !body.inert) body.inert = true;
  });
  if (body) inertGuard.observe(body, { attributes: true, attributeFilter: ['inert'] });
  const onFocusIn = (e: FocusEvent) => {
    if (e.target instanceof Node && e.target !== ui.host && !ui.host.contains(e.target)) {
      (e.target as HTMLElement).blur?.();
      leave.focus();
    }
  };
  doc.addEventListener('focusin', onFocusIn, true);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    inertGuard.disconnect();
    doc.removeEventListener('focusin', onFocusIn, true);
    if (body) body.inert = wasInert;
  };

  const icon = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('class', 'icon');
  icon.innerHTML = '<path fill="#fed7d7" stroke="#c53030" stroke-width="1.4" d="M12 2.5 4 5.6v6.1c0 4.9 3.4 8.6 8 9.8 4.6-1.2 8-4.9 8-9.8V5.6z"/><path stroke="#c53030" stroke-width="2" stroke-linecap="round" d="m9 9 6 6m0-6-6 6"/>';

  const { brand } = model;
  const rows: (HTMLElement | null)[] = [
    h(doc, 'dt', {}, t('interstitialHost')),
    h(doc, 'dd', { 'data-field': 'host' }, model.host),
  ];
  if (model.target) rows.push(h(doc, 'dt', {}, t('interstitialTarget')), h(doc, 'dd', { 'data-field': 'target' }, model.target));
  if (brand && model.officialDomain) {
    rows.push(h(doc, 'dt', {}, t('interstitialOfficial', { brand })), h(doc, 'dd', { class: 'ok', 'data-field': 'official' }, model.officialDomain));
  }
  if (model.diff) rows.push(h(doc, 'dt', {}, t('interstitialDiff')), h(doc, 'dd', { 'data-field': 'diff' }, model.diff));
  if (model.technique) {
    rows.push(h(doc, 'dt', {}, t('interstitialTechnique')), h(doc, 'dd', { 'data-field': 'technique', class: 'plain' }, model.technique));
  }

  // leaving is always safe: no clickjacking guard needed
  const leave = h(doc, 'button', { class: 'leave', 'data-action': 'leave', onclick: () => { restore(); handlers.onLeave(); } }, t('interstitialLeave'));
  const card = h(doc, 'div', { class: 'card', role: 'alertdialog', 'aria-modal': 'true', lang: locale === 'zh' ? 'zh-CN' : 'en' },
    icon,
    h(doc, 'div', { class: 'brand' }, t('brand')),
    h(doc, 'h1', {}, t('interstitialTitle')),
    h(doc, 'p', {}, brand ? t('interstitialLead', { brand }) : t('interstitialLeadNoBrand')),
    h(doc, 'dl', {}, ...rows),
    h(doc, 'p', { class: 'advice' }, t('interstitialAdvice')),
    h(doc, 'div', { class: 'actions' },
      leave,
      h(doc, 'button', { class: 'continue', 'data-action': 'continue', onclick: ui.guard(() => { restore(); ui.remove(); handlers.onContinue(); }) }, t('interstitialContinue')),
    ),
    h(doc, 'div', { class: 'hint' }, t('interstitialContinueHint')),
  );
  ui.root.append(h(doc, 'div', { class: 'wrap backdrop' }, card));
  card.querySelectorAll('button').forEach((b) => ui.track(b));
  setTimeout(() => leave.focus(), 0);
  return {
    ...ui,
    remove: () => {
      restore();
      ui.remove();
    },
    reassert: () => {
      ui.reassert();
      if (body && !body.inert) body.inert = true;
    },
  };
}
