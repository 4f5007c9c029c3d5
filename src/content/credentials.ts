/** Does the page ask for a password, card number, CVV or one-time code? (For the payment interstitial.) */
import type { FormField, PageSnapshot } from '../engine/types';

const SENSITIVE = /password|passwd|pwd|cc-number|cc-csc|cc-exp|card.?(?:no|num)|cardnumber|cvv|cvc|csc|security.?code|one-time-code|otp|sms.?code|pin\b|密码|卡号|银行卡|信用卡|有效期|安全码|验证码|口令/i;

export function isSensitiveField(f: FormField): boolean {
  if (f.type === 'password') return true;
  return SENSITIVE.test([f.autocomplete, f.name, f.id, f.placeholder, f.label].join(' '));
}

export function asksForCredentials(facts: Pick<PageSnapshot, 'forms' | 'looseFields'>): boolean {
  const fields = [...facts.forms.flatMap((f) => f.fields), ...facts.looseFields];
  return fields.some((f) => ['text', 'password', 'tel', 'number', 'email', ''].includes(f.type) && isSensitiveField(f));
}
