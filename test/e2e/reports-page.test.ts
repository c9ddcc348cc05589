import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { hashPin } from '../../src/web/pin-hash.js';
import { launchChromium } from '../helpers/browser.js';
import { repoRoot } from '../helpers/cli.js';
import { testConfig } from '../helpers/config.js';
import { reportConfigData, type Seeded, seedMonth, startReportApp } from '../integration/report/seed.js';

// The /reports page in Debian's headless Chromium at phone size, signed in as staff, over the stored
// October of test/integration/report/seed.ts (its figures are worked out in monthly.test.ts).
const shots = join(repoRoot, 'test/artifacts/screenshots');
const phone = { width: 390, height: 844 };
const pin = '246810';
// Accessibility: axe-core's WCAG 2.1 A and AA rules (https://github.com/dequelabs/axe-core, "API
// Documentation": axe.run with runOnly tags), injected into the page as its own script.
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let seeded: Seeded;
let app: App;
let base: string;
let chrome: Awaited<ReturnType<typeof launchChromium>> | undefined;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  seeded = await seedMonth();
  const data = reportConfigData(seeded.dbPath);
  data.web = { accounts: [{ person: 'staff-a', pinHash: await hashPin(pin) }] };
  ({ app, base } = await startReportApp(seeded, testConfig(data)));
  chrome = await launchChromium({ viewport: phone, isMobile: true, hasTouch: true, locale: 'zh-CN' });
}, 120_000);

afterAll(async () => {
  await chrome?.close();
  await app?.stop();
  if (seeded) rmSync(seeded.dir, { recursive: true, force: true });
});

describe('the /reports page', () => {
  it('needs a session: the page and its files send a visitor to sign in', async () => {
    for (const path of ['/reports?month=2026-10', '/reports/download?month=2026-10&format=pdf']) {
      const res = await fetch(`${base}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('a signed-in staff member reads October with its charts and takes the PDF and CSV away', {
    timeout: 120_000,
  }, async () => {
    const page = await (chrome as NonNullable<typeof chrome>).context.newPage();
    await page.goto(`${base}/reports?month=2026-10`);
    expect(page.url()).toContain('/login');
    // staff-a is 甲 in test/fixtures/foundation/minimal.yaml.
    await page.getByLabel('姓名').selectOption({ label: '甲' });
    await page.getByLabel('密码').fill(pin);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/reports?month=2026-10`);

    // siteName 测试专区 ends in 专区: not doubled.
    await expect
      .poll(() => page.locator('main > h1').textContent())
      .toBe('测试专区设备运行情况月报（2026年10月）');
    const article = page.locator('article.zo-report');
    expect(await article.locator('h1').textContent()).toBe('测试专区设备运行情况月报（2026年10月）');
    expect(await article.textContent()).toContain('2026年10月1日至10月31日');
    expect(await article.textContent()).toContain('设备完好率');
    // Charts: availability, faults by cause, supplies, pages per day — each an SVG with its caption.
    expect(await article.locator('figure[role="img"] svg').count()).toBeGreaterThanOrEqual(3);
    // 370 pages printed (monthly.test.ts: the printer's counter 1000 → 1370) in the service table.
    expect(await article.locator('#zo-service').textContent()).toContain('370');
    // Phone first: the page itself does not scroll sideways (wide tables scroll in their own box).
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width);
    await page.screenshot({ path: join(shots, 'report-01-page.png') });
    // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') stays as it is.
    await page.evaluate(readFileSync(axeSource, 'utf8'));
    const violations = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(wcag)} } }).then((r) =>
         r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
    )) as string[];
    expect(violations).toEqual([]);
    // 200 % text: still no sideways scrolling of the page.
    await page.evaluate(`document.documentElement.style.fontSize = '200%'`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width);
    await page.screenshot({ path: join(shots, 'report-03-page-200.png') });
    await page.evaluate(`document.documentElement.style.fontSize = ''`);
    await page.locator('#zo-faults').screenshot({ path: join(shots, 'report-02-faults.png') });

    const pdf = await page.request.get(`${base}/reports/download?month=2026-10&format=pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const csv = await page.request.get(`${base}/reports/download?month=2026-10&part=service&format=csv`);
    expect(csv.headers()['content-disposition']).toContain('attachment');
    // UTF-8 with a BOM for Excel.
    expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    // A month not begun: a clear message on the page, not a 500.
    const future = await page.goto(`${base}/reports?month=9999-12`);
    expect(future?.status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain('尚未开始');
    await page.close();
  });
});
