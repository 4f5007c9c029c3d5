/**
 * The session keeps its ordered keys, segment lists and hit index up to date on every put/remove
 * (so finish() after a rescan does not rebuild them). Whatever the order of changes, finish() must
 * equal the finish() of a fresh session given the final segments in one go.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createScanSession } from '../../../src/engine/session';
import { snapshotFromText } from '../../../src/engine/analyze';
import { builtinRules } from '../../../src/node/engine';
import type { TextSegment } from '../../../src/engine/types';

const TEXTS = ['纯棉短袖 包邮', '国家级品质 仅剩3件', 'Guaranteed results! Only 2 left', '一经售出概不退换', 'plain words', '全网最低价', '加入购物车', 'free shipping'];
const op = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), key: fc.integer({ min: 0, max: 40 }), text: fc.constantFrom(...TEXTS), zone: fc.constantFrom('body' as const, 'heading' as const, 'button' as const) }),
  fc.record({ kind: fc.constant('remove' as const), key: fc.integer({ min: 0, max: 40 }) }),
);

describe('scan session bookkeeping', () => {
  const { compiled } = builtinRules();
  const { segments: _s, ...facts } = snapshotFromText('', { url: 'https://shop.example.com/item/1', title: '商品' });

  it('finish() after any sequence of puts and removes equals a fresh session over the final segments', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.boolean(), (ops, hideOdd) => {
        const live = createScanSession(compiled);
        const final = new Map<number, TextSegment>();
        for (const o of ops) {
          if (o.kind === 'put') {
            const seg = { text: o.text, zone: o.zone, path: `p${o.key}` };
            live.putSegment(o.key, seg);
            final.set(o.key, seg);
          } else {
            live.removeSegment(o.key);
            final.delete(o.key);
          }
        }
        const fresh = createScanSession(compiled);
        for (const k of [...final.keys()].sort((a, b) => b - a)) fresh.putSegment(k, final.get(k)!);
        const options = hideOdd ? { isVisible: (k: number) => k % 2 === 0 } : {};
        expect(live.segmentCount).toBe(final.size);
        expect(live.finish(facts, options)).toEqual(fresh.finish(facts, options));
      }),
      { numRuns: 200 },
    );
  });

});

describe('page type across rescans', () => {
  const { compiled } = builtinRules();
  const base = snapshotFromText('', { url: 'https://shop.example.com/list', title: 'Shop' });
  const { segments: _s, ...facts } = base;
  const card = (i: number): TextSegment => ({ text: `Cotton shirt ${i} ¥${i}.00`, zone: 'body', path: '' });

  it('is kept while a page grows by scrolling, decided again when its forms change or its text doubles', () => {
    const session = createScanSession(compiled);
    for (let i = 0; i < 20; i++) session.putSegment(1000 + i, card(i));
    session.putSegment(5000, { text: 'Add to cart', zone: 'button', path: '' });
    expect(session.finish(facts).pageType).toBe('product');
    // a few more cards: same facts, same type (not read again)
    for (let i = 20; i < 25; i++) session.putSegment(1000 + i, card(i));
    expect(session.finish(facts).pageType).toBe('product');
    // a card form appears: the facts changed, the type is decided again
    const withCard = { ...facts, forms: [{ action: '', method: 'post', path: 'form', fields: [{ type: 'text', name: 'cardnumber', id: '', placeholder: '卡号', autocomplete: 'cc-number', label: '', maxLength: null, path: 'input' }] }] };
    session.putSegment(6000, { text: '确认支付 Pay now', zone: 'button', path: '' });
    expect(session.finish(withCard).pageType).toBe('payment');
  });
});
