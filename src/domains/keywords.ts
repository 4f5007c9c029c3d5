/**
 * Word lists for the host checks.
 * - PHISHING_KEYWORDS: words phishing hosts glue to a brand name (alipay-secure, paypal-resolution,
 *   appleid-verify, taobao-kefu). English and pinyin.
 * - DICTIONARY_GUARD: ordinary words and names one edit away from (or containing) a brand label, which
 *   must not be called look-alikes (Chromium skips common words too).
 * - ABUSED_TLDS: cheap TLDs where a weak brand token standing alone as a subdomain label counts.
 * - INFRA_DOMAINS: legitimate infrastructure whose registrable name merely contains a brand word.
 */

export const PHISHING_KEYWORDS: ReadonlySet<string> = new Set([
  'secure', 'security', 'safe', 'safety', 'login', 'logon', 'log', 'signin', 'sign', 'signon', 'verify', 'verification',
  'verified', 'validate', 'validation', 'account', 'accounts', 'acc', 'acct', 'update', 'updates', 'support', 'help',
  'helpdesk', 'service', 'services', 'servicing', 'customer', 'customers', 'care', 'center', 'centre', 'resolution',
  'resolve', 'billing', 'bill', 'bills', 'pay', 'payment', 'payments', 'checkout', 'wallet', 'refund', 'refunds',
  'online', 'web', 'www', 'app', 'apps', 'id', 'auth', 'confirm', 'confirmation', 'alert', 'alerts', 'notice',
  'notification', 'unlock', 'locked', 'lock', 'limited', 'limit', 'recovery', 'recover', 'reset', 'restore', 'info',
  'information', 'official', 'my', 'mobile', 'portal', 'member', 'members', 'membership', 'user', 'users', 'client',
  'card', 'cards', 'bank', 'banking', 'money', 'cash', 'gift', 'giftcard', 'reward', 'rewards', 'bonus', 'prize',
  'order', 'orders', 'shop', 'store', 'mall', 'buy', 'cn', 'jp', 'us', 'uk', 'hk', 'tw', 'co', 'com', 'net', 'intl',
  'global', 'vip', 'manage', 'management', 'manager', 'case', 'dispute', 'claim', 'claims', 'check', 'team', 'desk',
  'access', 'activity', 'activate', 'activation', 'session', 'settings', 'profile', 'password', 'pass', 'otp', 'code',
  'gateway', 'transfer', 'invoice', 'receipt', 'status', 'express', 'fast', 'now', 'free', 'plus', 'pro', 'new', 'home',
  'page', 'site', 'net', 'link', 'go', 'get', 'cloud', 'connect', 'inc', 'ltd', 'corp', 'hq', 'email', 'mail',
  'message', 'messages', 'contact', 'chat', 'live', 'sale', 'sales', 'deal', 'deals', 'prime', 'japan', 'china',
  'usa', 'en', 'zh', 'jpn', 'login2', 'signup', 'register', 'renew', 'renewal', 'suspend', 'suspended', 'unusual',
  'review', 'secured', 'protect', 'protection', 'fraud', 'report', 'payout', 'merchant', 'seller', 'buyer', 'clone',
  // pinyin
  'kefu', 'tuikuan', 'zhifu', 'yanzheng', 'denglu', 'anquan', 'gouwu', 'shangcheng', 'lipei', 'fuwu', 'zhanghu',
  'guanwang', 'zaixian', 'jiesuan', 'hongbao', 'fanli', 'jiedong', 'dongjie', 'shouquan', 'qianbao', 'yinhang',
  'xinyongka', 'jifen', 'duihuan', 'lingqu', 'tixian', 'daikuan', 'jiekuan', 'huabei', 'jiebei', 'baitiao',
]);

export const DICTIONARY_GUARD: ReadonlySet<string> = new Set([
  // near apple / paypal / stripe / amazon / google / tmall / klarna / visa / adyen / ebay …
  'apply', 'ample', 'applet', 'appl', 'maple', 'pineapple', 'snapple', 'grapple', 'dapple', 'chapple',
  'applebees', 'appleton', 'applegate', 'appleby', 'applied', 'applique',
  'stripes', 'striped', 'striper', 'strips', 'strike', 'stride', 'strive', 'strife', 'stripy', 'pinstripe',
  'amazonas', 'amazonia', 'amazonian', 'amazonite',
  'goggle', 'googly', 'googol', 'goggles', 'googie',
  'small', 'tall', 'stall', 'smalls', 'atmall',
  'visas', 'vista', 'visual', 'vision', 'advisa',
  'klara', 'karma',
  'paypay', 'paypad', 'citibank', 'citi',
  'shopfy',
  'icloudy',
]);

export const ABUSED_TLDS: ReadonlySet<string> = new Set([
  'top', 'xyz', 'shop', 'club', 'vip', 'icu', 'cyou', 'buzz', 'sbs', 'online', 'site', 'live', 'life', 'info', 'cc',
  'tk', 'ml', 'ga', 'cf', 'gq', 'work', 'fit', 'ltd', 'rest', 'bond', 'cfd', 'click', 'link', 'store', 'fun', 'space',
  'website', 'monster', 'quest', 'cam', 'mom', 'lol', 'email', 'support', 'services', 'help', 'ink', 'pw', 'ws',
  'co', 'run', 'world', 'today', 'digital', 'network', 'zone', 'center', 'business', 'tokyo', 'win', 'bid', 'loan', 'date', 'stream', 'download', 'racing', 'review', 'party', 'trade', 'science', 'men', 'kim',
]);

/** Legitimate infrastructure whose registrable names contain a brand word but are not impersonation. */
export const INFRA_DOMAINS: ReadonlySet<string> = new Set([
  'amazonaws.com', 'amazonaws.com.cn', 'amazontrust.com', 'amazonvideo.com', 'amazoncognito.com', 'amazon-corp.com',
  'awsstatic.com', 'cloudfront.net', 'googlevideo.com', 'googlesyndication.com', 'googletagmanager.com',
  'googleadservices.com', 'google-analytics.com', 'doubleclick.net', 'googledomains.com', 'googlemail.com',
  'googleblog.com', 'googlesource.com', 'appleinsider.com', 'applecare.com', 'applemusic.com', 'appleid.apple.com',
  'appstore.com', 'pinduoduo.net', 'alipay-eco.com', 'taobaocdn.com', 'ebayinc.com', 'ebay-kleinanzeigen.de',
  'visaeurope.com', 'visa.gov', 'mastercardfdn.org', 'qqmail.com', 'tencent.com', 'wechatpay.com.hk',
]);
