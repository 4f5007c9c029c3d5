// @vitest-environment happy-dom
/** The evidence section of the settings page: full page and MHTML toggles, permission request, warning. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { OptionsApp } from '../../../src/ui/options-app';
import { loadSettings } from '../../../src/storage/settings';

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

let el: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  el = document.createElement('div');
  document.body.append(el);
});
afterEach(() => {
  render(null, el);
  el.remove();
  vi.restoreAllMocks();
});

function mount(optional: string[]) {
  vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'x', version: '1', optional_permissions: optional } as never);
  render(<OptionsApp />, el);
}
const box = (id: string) => el.querySelector<HTMLInputElement>(`#${id}`);
const click = (input: HTMLInputElement) => {
  input.checked = !input.checked;
  input.dispatchEvent(new Event('change', { bubbles: true }));
};

describe('options: evidence settings', () => {
  it('shows the defaults and saves "full page" off', async () => {
    mount(['pageCapture']);
    await until(() => box('evidence-full-page') !== null);
    expect(box('evidence-full-page')!.checked).toBe(true);
    expect(box('evidence-mhtml')!.checked).toBe(false);
    expect(el.textContent).toMatch(/MHTML.*typed into|表单中输入/);
    click(box('evidence-full-page')!);
    await vi.waitFor(async () => expect((await loadSettings()).evidence.fullPage).toBe(false));
  });

  it('MHTML on asks for pageCapture; stays off when refused, on when granted', async () => {
    const request = vi.spyOn(browser.permissions, 'request').mockResolvedValueOnce(false as never).mockResolvedValueOnce(true as never);
    mount(['pageCapture']);
    await until(() => box('evidence-mhtml') !== null);
    click(box('evidence-mhtml')!);
    expect(request).toHaveBeenCalledWith({ permissions: ['pageCapture'] });
    await new Promise((r) => setTimeout(r, 50));
    expect((await loadSettings()).evidence.mhtml).toBe(false);
    expect(box('evidence-mhtml')!.checked).toBe(false);
    click(box('evidence-mhtml')!);
    await vi.waitFor(async () => expect((await loadSettings()).evidence.mhtml).toBe(true));
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('without the optional permission (Firefox build) there is no MHTML switch', async () => {
    mount([]);
    await until(() => box('evidence-full-page') !== null);
    expect(box('evidence-mhtml')).toBeNull();
  });
});
