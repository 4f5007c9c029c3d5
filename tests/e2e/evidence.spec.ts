/**
 * Evidence end to end in Chromium: save from the popup on a risky page, find the snapshot on the
 * evidence page, export it, verify the downloaded ZIP with the CLI (exit 0), change one byte of one
 * file in it and verify again (exit 1). Uses the test-only build (E2E_BUILD_DIR: '<all_urls>' so the
 * popup, opened by the test rather than by the toolbar button, may call captureVisibleTab).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { test, expect, E2E_BUILD_DIR } from './fixtures';
import { currentWorker, tabIdOf, waitForReport } from '../../scripts/extension-browser';

/** The extension APIs inside the service worker, where the evaluate() callbacks run. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

test.use({ extensionDir: E2E_BUILD_DIR });

const ROOT = resolve(import.meta.dirname, '../..');

function verify(file: string): { code: number; out: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts'), 'verify', file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: `${r.stdout}\n${r.stderr}` };
}

test('save evidence from the popup, export it, verify it with the CLI, catch one changed byte', async ({ ext, page, demo }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'shop-sentinel-evidence-'));
  try {
    await page.goto(`${demo.origin}/card-shop.html`);
    await waitForReport(ext, page, (r) => r.report.score >= 15);
    const tabId = await tabIdOf(ext, page);
    const title = await page.title();

    // the popup in its own window, as the toolbar would show it: the shop tab stays the visible tab of its window
    const popupPromise = ext.context.waitForEvent('page', (p) => p.url().includes('/popup.html'));
    await currentWorker(ext).evaluate(
      (url: string) => chrome.windows.create({ url, type: 'popup', width: 400, height: 640 }),
      `chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`,
    );
    const popup = await popupPromise;
    await popup.waitForSelector('[data-status]:not([data-status=loading])', { timeout: 10_000 });
    await popup.locator('button[data-action=save-evidence]').click();
    await expect(popup.getByText(/Evidence saved|证据已保存/)).toBeVisible({ timeout: 30_000 });
    await popup.close();

    // the evidence page lists it; open it and export
    const manager = await ext.context.newPage();
    await manager.goto(`chrome-extension://${ext.extensionId}/evidence.html?lang=en`);
    const card = manager.locator('.ev-card-btn', { hasText: title });
    await expect(card).toHaveCount(1, { timeout: 15_000 });
    await card.click();
    const downloadPromise = manager.waitForEvent('download', { timeout: 30_000 });
    await manager.getByRole('button', { name: 'Export (English report)' }).click();
    const download = await downloadPromise;
    const zipPath = join(dir, download.suggestedFilename() || 'bundle.zip');
    await download.saveAs(zipPath);
    expect(zipPath).toMatch(/\.zip$/);

    const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
    const names = Object.keys(files);
    expect(names.some((n) => n.endsWith('capture.json'))).toBe(true);
    expect(names.some((n) => n.endsWith('manifest.json'))).toBe(true);
    expect(names.some((n) => n.endsWith('SHA256SUMS'))).toBe(true);
    expect(names.some((n) => /screenshot-viewport\.png$/.test(n))).toBe(true);
    const capture = JSON.parse(new TextDecoder().decode(files[names.find((n) => n.endsWith('capture.json'))!]!)) as { url?: string };
    expect(JSON.stringify(capture)).toContain('card-shop.html');

    const intact = verify(zipPath);
    expect(intact.code, intact.out).toBe(0);

    // one changed byte in one captured file (same ZIP structure, so it is a bundle, just not the original)
    const victim = names.find((n) => /screenshot-viewport\.png$/.test(n))!;
    const bytes = files[victim]!.slice();
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    const tamperedPath = join(dir, 'tampered.zip');
    writeFileSync(tamperedPath, zipSync({ ...files, [victim]: bytes }));
    const tampered = verify(tamperedPath);
    expect(tampered.code, tampered.out).toBe(1);
    expect(tampered.out).toContain('screenshot-viewport.png');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('only the test build has <all_urls>; the shipped build keeps http/https host access', () => {
  const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { host_permissions?: string[]; optional_permissions?: string[] };
  const shipped = read(join(ROOT, '.output/chrome-mv3'));
  const testBuild = read(E2E_BUILD_DIR);
  expect(shipped.host_permissions).toEqual(['http://*/*', 'https://*/*']);
  expect(testBuild.host_permissions).toEqual(['http://*/*', 'https://*/*', '<all_urls>']);
  expect(shipped.optional_permissions).toEqual(['pageCapture']);
});
