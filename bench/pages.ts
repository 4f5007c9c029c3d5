/**
 * Generated benchmark pages (deterministic): product listings of N cards, pages of many text
 * nodes, long Chinese product pages. Shared by the Node and the browser benchmarks.
 */
const ZH_WORDS = ['纯棉', '短袖', '夏季', '新款', '宽松', '百搭', '男女同款', '包邮', '正品', '旗舰店', '优惠', '满减', '收藏', '加购', '评价', '好评', '物流', '发货', '尺码', '颜色'];
const EN_WORDS = ['cotton', 'shirt', 'summer', 'classic', 'relaxed', 'fit', 'free', 'shipping', 'review', 'rating', 'colour', 'size', 'returns', 'delivery', 'stock', 'brand', 'material', 'wash', 'care', 'style'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function words(r: () => number, list: string[], n: number, sep: string) {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(list[Math.floor(r() * list.length)]!);
  return out.join(sep);
}

export function productCard(i: number, r: () => number): string {
  const zh = i % 2 === 0;
  const title = zh ? words(r, ZH_WORDS, 8, '') : words(r, EN_WORDS, 8, ' ');
  const risky = i % 97 === 0 ? (zh ? '<span class="tag">国家级品质 仅剩3件</span>' : '<span class="tag">Guaranteed results! Only 2 left</span>') : '';
  return `<li class="card" data-id="${i}"><a href="/item/${i}"><img src="/img/${i}.jpg" alt="${title.slice(0, 20)}"></a>
<div class="info"><h3 class="title"><a href="/item/${i}">${title}</a></h3><div class="price"><span class="cur">¥</span><b>${(r() * 500).toFixed(2)}</b></div>
<p class="desc">${zh ? words(r, ZH_WORDS, 30, '，') : words(r, EN_WORDS, 30, ' ')}</p>${risky}
<div class="meta"><span>${Math.floor(r() * 9999)}${zh ? '人付款' : ' sold'}</span><span class="shop">${zh ? '某某旗舰店' : 'Some Store'}</span></div>
<button class="cart">${zh ? '加入购物车' : 'Add to cart'}</button></div></li>`;
}

export function listingPage(cards: number, seed = 1): string {
  const r = rng(seed);
  const items: string[] = [];
  for (let i = 0; i < cards; i++) items.push(productCard(i, r));
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>商品列表 Listing</title>
<style>.card{display:inline-block;width:220px;margin:6px;vertical-align:top;font:12px sans-serif}.desc{color:#666}</style></head>
<body><header><nav><a href="/">首页</a> <a href="/cart">购物车</a></nav></header><main><ul id="list">${items.join('\n')}</ul></main>
<footer>© 2026 Demo Shop · 京ICP备12345678号</footer></body></html>`;
}

export function manyTextNodesPage(nodes: number, seed = 2): string {
  const r = rng(seed);
  const parts: string[] = [];
  for (let i = 0; i < nodes; i += 5) {
    parts.push(`<div><span>${words(r, EN_WORDS, 2, ' ')}</span> <b>${words(r, ZH_WORDS, 2, '')}</b> <i>${i}</i></div>`);
  }
  return `<!doctype html><html><head><title>Many nodes</title></head><body>${parts.join('')}</body></html>`;
}

export function longChinesePage(paragraphs: number, seed = 3): string {
  const r = rng(seed);
  const ps: string[] = [];
  for (let i = 0; i < paragraphs; i++) ps.push(`<p>${words(r, ZH_WORDS, 80, '')}${i % 50 === 0 ? '，本品采用最佳工艺，全网最低价' : ''}。</p>`);
  return `<!doctype html><html lang="zh"><head><title>商品详情</title></head><body><h1>纯棉短袖T恤</h1><div class="price">¥99</div><button>立即购买</button><div class="detail">${ps.join('\n')}</div></body></html>`;
}
