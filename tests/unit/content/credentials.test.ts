import { describe, expect, it } from 'vitest';
import { asksForCredentials, isSensitiveField } from '../../../src/content/credentials';
import type { FormField } from '../../../src/engine/types';

const field = (f: Partial<FormField>): FormField => ({ type: 'text', name: '', id: '', placeholder: '', autocomplete: '', label: '', maxLength: null, path: '', ...f });

describe('credential fields', () => {
  it.each([
    [{ type: 'password' }],
    [{ autocomplete: 'cc-number' }],
    [{ name: 'cvv' }],
    [{ label: '银行卡号' }],
    [{ placeholder: '请输入6位支付密码' }],
    [{ autocomplete: 'one-time-code' }],
    [{ label: '短信验证码' }],
  ])('%o is sensitive', (f) => expect(isSensitiveField(field(f))).toBe(true));

  it.each([[{ name: 'name' }], [{ autocomplete: 'street-address' }], [{ label: '收货人' }], [{ type: 'search', name: 'q' }]])('%o is not', (f) =>
    expect(isSensitiveField(field(f))).toBe(false),
  );

  it('looks at form fields and loose fields', () => {
    expect(asksForCredentials({ forms: [], looseFields: [field({ type: 'password' })] })).toBe(true);
    expect(asksForCredentials({ forms: [{ action: '', method: 'post', path: '', fields: [field({ name: 'cardNo', label: '卡号' })] }], looseFields: [] })).toBe(true);
    expect(asksForCredentials({ forms: [{ action: '', method: 'post', path: '', fields: [field({ name: 'phone', type: 'tel' })] }], looseFields: [] })).toBe(false);
    // a checkbox labelled "remember password" is not a password field
    expect(asksForCredentials({ forms: [], looseFields: [field({ type: 'checkbox', label: '记住密码' })] })).toBe(false);
  });
});
