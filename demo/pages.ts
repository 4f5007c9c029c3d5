/** The demo shop's pages and what each is for (npm start, e2e tests, README screenshots). */
import type { Category } from '../src/engine/types';

export interface DemoPage {
  path: string;
  name: string;
  /** the category the page demonstrates, or 'honest' (must stay quiet) / 'dynamic' */
  kind: Category | 'honest' | 'dynamic';
}

export const DEMO_PAGES: DemoPage[] = [
  { path: '/exaggerated-claim.html', name: 'exaggerated-claim', kind: 'exaggerated-claim' },
  { path: '/unfair-terms.html', name: 'unfair-terms', kind: 'unfair-terms' },
  { path: '/card-shop.html', name: 'card-shop', kind: 'card-shop' },
  { path: '/cash-out.html', name: 'cash-out', kind: 'cash-out' },
  { path: '/payment-spoof.html', name: 'payment-spoof', kind: 'payment-spoof' },
  { path: '/privacy-overreach.html', name: 'privacy-overreach', kind: 'privacy-overreach' },
  { path: '/pressure-tactics.html', name: 'pressure-tactics', kind: 'pressure-tactics' },
  { path: '/off-platform-payment.html', name: 'off-platform-payment', kind: 'off-platform-payment' },
  { path: '/trust-gap.html', name: 'trust-gap', kind: 'trust-gap' },
  { path: '/honest-product.html', name: 'honest-product', kind: 'honest' },
  { path: '/honest-checkout.html', name: 'honest-checkout', kind: 'honest' },
  { path: '/news-article.html', name: 'news-article', kind: 'honest' },
  { path: '/infinite-scroll.html', name: 'infinite-scroll', kind: 'dynamic' },
  { path: '/spa.html', name: 'spa', kind: 'dynamic' },
  { path: '/late-spoof.html', name: 'late-spoof', kind: 'dynamic' },
];
