import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { repoRoot } from '../helpers/cli.js';
import { type DemoProcess, startDemoProcess } from './demo-process.js';

// Headless Debian Chromium (no browser download) against `zoneops demo`, at phone size.
// Needs createApp to serve the web pages and run the poller + fault engine (the lead's wiring).
const shots = join(repoRoot, 'test/artifacts/screenshots');
const phone = { width: 390, height: 844 };
// A 1×1 PNG written by us.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let demo: DemoProcess;
let browser: BrowserContext;
let chrome: Awaited<ReturnType<typeof launchChromium>> | undefined;
let base: string;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  demo = await startDemoProcess();
  base = demo.line('URL status:').replace(/\/$/, '');
  chrome = await launchChromium({ viewport: phone, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  browser = chrome.context;
}, 120_000);

afterAll(async () => {
  await chrome?.close();
  if (demo && demo.proc.exitCode === null) {
    demo.proc.kill('SIGINT');
    await demo.exited;
  }
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, screenshot = false) {
  await page.goto(`${base}/`);
  expect(page.url()).toContain('/login');
  if (screenshot) await shot(page, '01-sign-in');
  await page.getByLabel('姓名').selectOption({ label: '王小明' });
  await page.getByLabel('密码 / PIN').fill('2468');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${base}/`);
}

describe('staff pages in a real browser (phone size)', () => {
  it('signs in, acknowledges a fault, records a cleaning with a photo, takes a public report', {
    timeout: 240_000,
  }, async () => {
    const page = await browser.newPage();
    await signIn(page, true);

    // The scripted day: within 3 minutes a fault is on the status page (the page reloads every 30 s).
    const faultLink = page.locator('section:has(#h-faults) a[href^="/faults/"]').first();
    await expect
      .poll(
        async () => {
          await page.reload();
          return faultLink.count();
        },
        { timeout: 180_000, interval: 5000 },
      )
      .toBeGreaterThan(0);
    await shot(page, '02-status-with-fault');

    await faultLink.click();
    await page.waitForURL(/\/faults\/\d+$/);
    await shot(page, '03-fault');
    await page.getByRole('button', { name: '确认收到' }).click();
    await page.waitForURL(/saved=1/);
    await expect.poll(() => page.locator('.st-acknowledged').count()).toBeGreaterThan(0);
    await shot(page, '04-fault-acknowledged');

    await page.goto(`${base}/hygiene/record?target=reading-area`);
    await page.getByLabel('方式').fill('湿抹布擦拭');
    await page
      .getByLabel('照片（可不拍）')
      .setInputFiles({ name: 'clean.png', mimeType: 'image/png', buffer: png });
    await shot(page, '05-hygiene-form');
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.waitForURL(/saved=1/);
    expect(await page.getByRole('status').textContent()).toContain('已登记 1 条记录');

    // Status page now shows the reading area's cleaning as done.
    await page.goto(`${base}/`);
    const row = page.locator('section:has(#h-hygiene) tr', { hasText: '查阅区' }).filter({ hasText: '清洁' });
    await expect.poll(() => row.locator('.st-on-time, .st-late').count()).toBeGreaterThan(0);
    await shot(page, '06-status-after-cleaning');

    // The public report form: no sign-in (a fresh context with no cookies).
    await browser.clearCookies();
    const publicPage = page;
    await publicPage.goto(`${base}/report?device=printer-01`);
    await shot(publicPage, '07-report-form');
    await publicPage.getByLabel('哪里不对？').fill('打印出来全是白纸 <b>急</b>');
    await publicPage.getByLabel(/联系电话/).fill('13800000000');
    await publicPage.getByRole('button', { name: '提交' }).click();
    expect(await publicPage.getByRole('status').textContent()).toMatch(/谢谢！已收到您的报告（编号 \d+）/);
    await shot(publicPage, '08-report-thanks');

    await signIn(page);
    await expect.poll(() => page.locator('section:has(#h-faults)').textContent()).toContain('有群众报告故障');
    await shot(page, '09-status-with-report');

    await page.goto(`${base}/qr`);
    expect(await page.locator('section.qr svg').count()).toBeGreaterThan(3);
    await shot(page, '10-qr-sheet');
  });
});
