/** The in-page warning banner: level, score, top reasons, and Details / Dismiss / Trust this site. */
import type { BannerModel, PageVerdict } from '../../messaging/protocol';
import { pageString, type PageStringKey } from '../../i18n/page-strings';
import { BASE_CSS, LEVEL_COLORS, h, mountShadowHost, type ShadowUi } from './shadow-host';

export const BANNER_TAG = 'shop-sentinel-banner';

export interface BannerHandlers {
  onDetails(): void;
  onDismiss(): void;
  onTrust(): void;
}

const CSS = /* css */ `${BASE_CSS}
.card { width: min(400px, calc(100vw - 24px)); background: #fff; border-radius: 14px; overflow: hidden;
  box-shadow: 0 18px 50px rgba(0,0,0,.28), 0 2px 6px rgba(0,0,0,.12); border: 1px solid rgba(0,0,0,.08); }
.head { display: flex; align-items: center; gap: 12px; padding: 12px 14px; color: #fff; background: var(--main); }
.shield { flex: none; width: 30px; height: 30px; }
.titles { flex: 1; min-width: 0; }
.brand { font-size: 11px; letter-spacing: .06em; text-transform: uppercase; opacity: .9; font-weight: 600; }
.title { font-size: 15px; font-weight: 700; line-height: 1.3; }
.score { flex: none; display: grid; place-items: center; width: 46px; height: 46px; border-radius: 50%; background: rgba(255,255,255,.18);
  border: 2px solid rgba(255,255,255,.7); font-weight: 800; font-size: 17px; }
.close { background: transparent; color: #fff; padding: 2px 6px; font-size: 20px; line-height: 1; border: 0; opacity: .85; align-self: flex-start; }
.close:hover { opacity: 1; }
ul { list-style: none; margin: 0; padding: 10px 14px 4px; }
li { display: flex; gap: 8px; align-items: baseline; padding: 5px 0; border-bottom: 1px dashed #e2e8f0; }
li:last-child { border-bottom: 0; }
.chip { flex: none; font-size: 11px; font-weight: 700; color: var(--ink); background: var(--soft); border: 1px solid var(--main); border-radius: 999px; padding: 1px 8px; }
.reason { flex: 1; color: #2d3748; }
.times { color: #718096; font-size: 12px; }
.more { color: #718096; font-size: 12px; padding: 2px 14px 0; }
.actions { display: flex; gap: 8px; padding: 10px 14px 14px; flex-wrap: wrap; }
.primary { background: var(--main); color: #fff; }
.primary:hover { filter: brightness(.95); }
.ghost { background: #fff; color: #2d3748; border-color: #cbd5e0; }
.ghost:hover { background: #f7fafc; }
`;

export function showBanner(doc: Document, model: BannerModel, { locale, strings }: Pick<PageVerdict, 'locale' | 'strings'>, handlers: BannerHandlers): ShadowUi {
  const ui = mountShadowHost(doc, BANNER_TAG, { top: '12px', right: '12px', left: 'auto', bottom: 'auto', width: 'auto', height: 'auto' }, CSS);
  ui.host.setAttribute('data-level', model.level);
  ui.host.setAttribute('data-score', String(model.score));
  const colors = LEVEL_COLORS[model.level];
  const t = (k: PageStringKey, v?: Record<string, string | number>) => pageString(strings, k, v);
  const { levelName } = model;
  const title = model.count === 1 ? t('bannerTitleOne', { level: levelName }) : t('bannerTitle', { level: levelName, count: model.count });

  const shield = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
  shield.setAttribute('viewBox', '0 0 24 24');
  shield.setAttribute('class', 'shield');
  shield.innerHTML = '<path fill="rgba(255,255,255,.25)" stroke="#fff" stroke-width="1.6" d="M12 2.5 4 5.6v6.1c0 4.9 3.4 8.6 8 9.8 4.6-1.2 8-4.9 8-9.8V5.6z"/><path stroke="#fff" stroke-width="2.2" stroke-linecap="round" d="M12 7.5v5.5M12 16.4v.1"/>';

  const card = h(doc, 'div', { class: 'wrap card', role: 'alertdialog', 'aria-label': title, lang: locale === 'zh' ? 'zh-CN' : 'en' });
  card.style.setProperty('--main', colors.main);
  card.style.setProperty('--soft', colors.soft);
  card.style.setProperty('--ink', colors.ink);

  const head = h(doc, 'div', { class: 'head' },
    shield,
    h(doc, 'div', { class: 'titles' }, h(doc, 'div', { class: 'brand' }, t('brand')), h(doc, 'div', { class: 'title' }, title)),
    h(doc, 'div', { class: 'score', title: t('bannerScore', { score: model.score }), 'aria-label': t('bannerScore', { score: model.score }) }, String(model.score)),
    h(doc, 'button', { class: 'close', 'data-action': 'close', 'aria-label': t('bannerClose'), title: t('bannerClose'), onclick: ui.guard(() => handlers.onDismiss()) }, '×'),
  );
  const list = h(doc, 'ul', {}, ...model.reasons.map((r) =>
    h(doc, 'li', {},
      h(doc, 'span', { class: 'chip' }, r.categoryName),
      h(doc, 'span', { class: 'reason' }, r.title),
      r.occurrences > 1 ? h(doc, 'span', { class: 'times' }, `×${r.occurrences}`) : null,
    ),
  ));
  const more = model.count > model.reasons.length ? h(doc, 'div', { class: 'more' }, t('bannerMore', { count: model.count - model.reasons.length })) : null;
  const actions = h(doc, 'div', { class: 'actions' },
    h(doc, 'button', { class: 'primary', 'data-action': 'details', onclick: ui.guard(() => handlers.onDetails()) }, t('bannerDetails')),
    h(doc, 'button', { class: 'ghost', 'data-action': 'dismiss', onclick: ui.guard(() => handlers.onDismiss()) }, t('bannerDismiss')),
    h(doc, 'button', { class: 'ghost', 'data-action': 'trust', onclick: ui.guard(() => handlers.onTrust()) }, t('bannerTrust')),
  );
  card.append(head, list, ...(more ? [more] : []), actions);
  ui.root.append(card);
  card.querySelectorAll('button').forEach((b) => ui.track(b));
  return ui;
}
