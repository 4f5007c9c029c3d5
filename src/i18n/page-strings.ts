/**
 * Strings the in-page UI (banner, interstitial) shows. The background sends the page's language's
 * table with each verdict (PageVerdict.strings), so the content script bundles none of them. Every
 * key exists in both languages (checked by a unit test).
 */
import type { Category, Level, Locale } from '../engine/types';
import { fillPlaceholders } from './locale';

export const CATEGORY_NAMES: Record<Category, Record<Locale, string>> = {
  'exaggerated-claim': { zh: '夸大宣传', en: 'Exaggerated claims' },
  'unfair-terms': { zh: '不公平条款', en: 'Unfair terms' },
  'card-shop': { zh: '卡盟 / 发卡网', en: 'Card shop (卡盟)' },
  'cash-out': { zh: '信用套现', en: 'Credit cash-out' },
  'payment-spoof': { zh: '仿冒支付页面', en: 'Spoofed payment page' },
  'privacy-overreach': { zh: '过度索取隐私', en: 'Privacy overreach' },
  'pressure-tactics': { zh: '施压话术', en: 'Pressure tactics' },
  'off-platform-payment': { zh: '诱导私下付款', en: 'Off-platform payment' },
  'trust-gap': { zh: '身份信息缺失', en: 'Missing shop identity' },
};

export const LEVEL_NAMES: Record<Level, Record<Locale, string>> = {
  safe: { zh: '未发现风险', en: 'No risk found' },
  caution: { zh: '注意', en: 'Caution' },
  warning: { zh: '警告', en: 'Warning' },
  danger: { zh: '危险', en: 'Danger' },
};

/** "Alipay / 支付宝" → "支付宝" in Chinese, "Alipay" in English. */
export function brandName(display: string, locale: Locale): string {
  const parts = display.split(' / ');
  if (parts.length < 2) return display;
  const zh = parts.find((p) => /[\u4e00-\u9fff]/.test(p));
  const en = parts.find((p) => !/[\u4e00-\u9fff]/.test(p));
  return (locale === 'zh' ? zh : en) ?? display;
}

const PAGE_STRINGS = {
  en: {
    brand: 'ShopSentinel',
    bannerTitle: '{level}: this page shows {count} risk signs',
    bannerTitleOne: '{level}: this page shows 1 risk sign',
    bannerScore: 'Risk score {score}/100',
    bannerDetails: 'Details',
    bannerDismiss: 'Dismiss',
    bannerTrust: 'Trust this site',
    bannerClose: 'Close warning',
    bannerMore: '+{count} more',
    interstitialTitle: 'This payment page may be fake',
    interstitialLead: 'This page looks like {brand}, but it is not on {brand}’s website. It asks for your card number or password.',
    interstitialLeadNoBrand: 'This page imitates a payment service and asks for your card number or password.',
    interstitialHost: 'You are on',
    interstitialTarget: 'Your data would go to',
    interstitialOfficial: '{brand}’s real website',
    interstitialDiff: 'Characters that differ',
    interstitialTechnique: 'How it imitates',
    interstitialAdvice: 'Do not enter card numbers, passwords or SMS codes here. Open the payment service by typing its address yourself.',
    interstitialLeave: 'Leave this page',
    interstitialContinue: 'Continue anyway',
    interstitialContinueHint: 'Only if you are sure this page is genuine. We will not warn again on this site in this session.',
  },
  zh: {
    brand: '购物哨兵',
    bannerTitle: '{level}：此页面有 {count} 处风险迹象',
    bannerTitleOne: '{level}：此页面有 1 处风险迹象',
    bannerScore: '风险评分 {score}/100',
    bannerDetails: '查看详情',
    bannerDismiss: '本次不再提示',
    bannerTrust: '信任此网站',
    bannerClose: '关闭提示',
    bannerMore: '另有 {count} 项',
    interstitialTitle: '这个支付页面可能是假的',
    interstitialLead: '此页面看起来像{brand}，但并不在{brand}的官方网站上，而且要求您输入卡号或密码。',
    interstitialLeadNoBrand: '此页面仿冒支付服务，并要求您输入卡号或密码。',
    interstitialHost: '当前网址',
    interstitialTarget: '数据将被发送到',
    interstitialOfficial: '{brand}官方网站',
    interstitialDiff: '不同的字符',
    interstitialTechnique: '仿冒手法',
    interstitialAdvice: '请勿在此输入银行卡号、密码或短信验证码。请自行输入官方网址访问支付服务。',
    interstitialLeave: '离开此页面',
    interstitialContinue: '仍要继续',
    interstitialContinueHint: '仅在您确定此页面真实可信时继续。本次浏览期间不再对此网站提示。',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type PageStringKey = keyof (typeof PAGE_STRINGS)['en'];
export type PageStrings = Record<PageStringKey, string>;

export const pageStrings = (locale: Locale): PageStrings => PAGE_STRINGS[locale];

/** One string of the table, its {placeholders} filled. */
export const pageString = (strings: PageStrings, key: PageStringKey, vars?: Record<string, string | number>): string => fillPlaceholders(strings[key], vars);

export const PAGE_STRING_TABLE: Record<Locale, Record<string, string>> = PAGE_STRINGS;
