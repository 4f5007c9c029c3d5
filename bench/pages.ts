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

const ICON_STAR = '<svg class="i-star" viewBox="0 0 24 24" width="12" height="12" aria-hidden="true"><path d="M12 2l3.1 6.3 6.9 1-5 4.9 1.2 6.8L12 17.8 5.8 21l1.2-6.8-5-4.9 6.9-1z"/></svg>';
const ICON_CART = '<svg class="i-cart" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M7 18a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm10 0a2 2 0 1 0 0 4z"/></svg>';

/**
 * One product card with the markup weight of a real shop listing (~2.7 KB: tracking attributes,
 * srcset, inline SVG icons, nested wrappers, a hidden quick-view) around ~250 characters of text.
 */
export function productCard(i: number, r: () => number): string {
  const zh = i % 2 === 0;
  const title = zh ? words(r, ZH_WORDS, 8, '') : words(r, EN_WORDS, 8, ' ');
  const risky = i % 97 === 0 ? (zh ? '<span class="tag">国家级品质 仅剩3件</span>' : '<span class="tag">Guaranteed results! Only 2 left</span>') : '';
  const price = (r() * 500).toFixed(2);
  const track = `{&quot;sku&quot;:&quot;SKU-${i}-${Math.floor(r() * 1e6)}&quot;,&quot;pos&quot;:${i},&quot;list&quot;:&quot;search-results&quot;,&quot;price&quot;:${price},&quot;exp&quot;:&quot;ab-${i % 7}&quot;}`;
  const img = `https://img.bench.example/p/${i}`;
  const stars = ICON_STAR;
  return `<li class="card s-result-item s-asin sg-col-4-of-24 sg-col-4-of-12 s-widget-spacing-small" data-id="${i}" data-asin="B0${i.toString(36).toUpperCase().padStart(8, '0')}" data-index="${i}" data-track="${track}">
<div class="sg-col-inner"><div class="s-card-container s-overflow-hidden aok-relative puis-wide-grid-style"><div class="a-section a-spacing-base">
<div class="s-product-image-container aok-relative"><a class="a-link-normal s-no-outline" href="/item/${i}?ref=sr_1_${i}&amp;qid=1700000000&amp;sr=8-${i}"><div class="a-section aok-relative s-image-square-aspect"><img class="s-image" src="${img}.jpg" srcset="${img}_1x.jpg 1x, ${img}_2x.jpg 2x" alt="${title.slice(0, 20)}" loading="lazy" decoding="async" width="218" height="218"></div></a></div>
<div class="info a-section a-spacing-small"><h3 class="title a-size-base-plus a-spacing-none a-color-base a-text-normal"><a class="a-link-normal s-line-clamp-2 s-link-style a-text-normal" href="/item/${i}?ref=sr_1_${i}&amp;qid=1700000000">${title}</a></h3>
<div class="rating a-row a-size-small"><span class="a-declarative" data-action="a-popover"><span class="stars">${stars}</span><span class="a-size-small">${(3 + r() * 2).toFixed(1)}</span></span><span class="a-size-small s-underline-text">(${Math.floor(r() * 5000)})</span></div>
<div class="price a-row a-size-base a-color-base"><span class="a-price" data-a-size="xl" data-a-color="base"><span class="cur a-price-symbol">¥</span><b class="a-price-whole">${price}</b></span><span class="a-size-base a-color-secondary">${zh ? '券后价' : 'after coupon'}</span></div>
<p class="desc a-size-small a-color-secondary">${zh ? words(r, ZH_WORDS, 30, '，') : words(r, EN_WORDS, 30, ' ')}</p>${risky}
<div class="ship a-row a-size-small a-color-secondary"><span>${zh ? '预计3天内送达' : 'Delivery in 3 days'}</span> <span class="a-color-success">${zh ? '顺丰包邮' : 'Free returns'}</span></div>
<div class="meta a-row"><span>${Math.floor(r() * 9999)}${zh ? '人付款' : ' sold'}</span><span class="shop"><a href="/shop/${i % 50}" class="a-link-normal">${zh ? '某某旗舰店' : 'Some Store'}</a></span></div>
<div class="quick-view" hidden><div class="qv-inner" data-qv="${i}"><span>${zh ? '快速预览' : 'Quick view'}</span></div></div>
<button class="cart a-button a-button-primary" type="button" data-action="add-to-cart" data-sku="SKU-${i}" aria-label="${zh ? '加入购物车' : 'Add to cart'}">${ICON_CART}<span class="a-button-text">${zh ? '加入购物车' : 'Add to cart'}</span></button></div>
</div></div></div></li>`;
}

/** `count` cards starting at card `from` (the continuation of listingPage(from, seed) for infinite scroll). */
export function cardsHtml(from: number, count: number, seed = 1): string {
  const r = rng(seed * 7919 + from);
  const items: string[] = [];
  for (let i = from; i < from + count; i++) items.push(productCard(i, r));
  return items.join('\n');
}

export function listingPage(cards: number, seed = 1, tail = ''): string {
  const r = rng(seed);
  const items: string[] = [];
  for (let i = 0; i < cards; i++) items.push(productCard(i, r));
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>商品列表 Listing</title>
<style>.card{display:inline-block;width:220px;margin:6px;vertical-align:top;font:12px sans-serif}.desc{color:#666}.stars svg{fill:#f90}</style></head>
<body><header><nav><a href="/">首页</a> <a href="/cart">购物车</a></nav></header><main><ul id="list">${items.join('\n')}</ul></main>
<footer>© 2026 Demo Shop · 京ICP备12345678号</footer>${tail}</body></html>`;
}

/**
 * An infinite-scroll listing: `initial` cards, then the page itself fetches `step` more cards from
 * `/more?from=N&count=step` every `intervalMs`, `steps` times, and sets `window.__scrollDone`.
 */
export function infiniteScrollPage(initial: number, step: number, steps: number, intervalMs: number, seed = 1): string {
  const script = `<script>(function(){var n=${initial},k=0,list=document.getElementById('list');
function more(){if(k>=${steps}){window.__scrollDone=true;return;}k++;
fetch('/more?from='+n+'&count=${step}&seed=${seed}').then(function(r){return r.text();}).then(function(h){list.insertAdjacentHTML('beforeend',h);n+=${step};window.__scrollSteps=k;setTimeout(more,${intervalMs});});}
window.__scrollDone=false;window.__scrollSteps=0;setTimeout(more,${intervalMs});})();</script>`;
  return listingPage(initial, seed, script);
}

/** A small product page: title, price, gallery, specs, a few reviews, buy buttons, one risky claim. */
export function productPage(seed = 4): string {
  const r = rng(seed);
  const specs = Array.from({ length: 12 }, (_, i) => `<tr><th>${ZH_WORDS[i % ZH_WORDS.length]}</th><td>${words(r, ZH_WORDS, 4, ' ')}</td></tr>`).join('');
  const reviews = Array.from({ length: 8 }, (_, i) => `<li class="review"><b>用户${i}***</b><span class="stars">★★★★★</span><p>${words(r, ZH_WORDS, 25, '，')}</p></li>`).join('');
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>纯棉短袖T恤 男女同款 - 某某旗舰店</title>
<meta name="description" content="纯棉短袖T恤"></head><body><header><nav><a href="/">首页</a> <a href="/cart">购物车</a> <a href="/user">我的</a></nav></header>
<main><div class="gallery">${Array.from({ length: 6 }, (_, i) => `<img src="/img/p${i}.jpg" alt="商品图${i}">`).join('')}</div>
<h1>纯棉短袖T恤 夏季新款 宽松百搭</h1><div class="price"><span>¥</span><b>99.00</b> <del>¥199.00</del></div>
<p class="promo">限时优惠，满199减30。本店商品国家级品质，假一赔十。</p>
<div class="sku"><label>颜色 <select name="color"><option>白色</option><option>黑色</option></select></label> <label>数量 <input name="qty" type="number" value="1"></label></div>
<button class="buy">立即购买</button> <button class="cart">加入购物车</button>
<table class="specs">${specs}</table><section class="detail"><h2>商品详情</h2>${Array.from({ length: 6 }, () => `<p>${words(r, ZH_WORDS, 60, '')}</p>`).join('')}</section>
<section class="reviews"><h2>买家评价</h2><ul>${reviews}</ul></section>
<section class="service"><h2>售后服务</h2><p>支持七天无理由退货，运费险保障。</p></section></main>
<footer>© 2026 某某旗舰店 · 京ICP备12345678号 · 营业执照</footer></body></html>`;
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
