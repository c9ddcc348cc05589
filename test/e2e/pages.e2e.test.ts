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

// The page's laid-out width (the expression runs in the browser, hence a string).
function pageWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

async function signIn(page: Page, screenshot = false) {
  await page.goto(`${base}/`);
  expect(page.url()).toContain('/login');
  if (screenshot) await shot(page, '01-sign-in');
  await page.getByLabel('姓名').selectOption({ label: '王小明' });
  await page.getByLabel('密码').fill('246810');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(`${base}/`);
}

describe('staff pages in a real browser (phone size)', () => {
  it('signs in, acknowledges a fault, records a cleaning with a photo, takes a public report and answers it', {
    timeout: 240_000,
  }, async () => {
    const page = await browser.newPage();
    await signIn(page, true);

    // The scripted day: within 3 minutes a fault is on the status page (reloaded here; the page itself
    // only refreshes its live regions, never the whole page).
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
    await page.waitForURL(/done=ack/);
    await expect.poll(() => page.locator('.st-acknowledged').count()).toBeGreaterThan(0);
    await shot(page, '04-fault-acknowledged');

    await page.goto(`${base}/hygiene/record?target=reading-area`);
    await page.getByLabel('方式').fill('湿抹布擦拭');
    await page
      .getByLabel('照片', { exact: false })
      .setInputFiles({ name: 'clean.png', mimeType: 'image/png', buffer: png });
    await shot(page, '05-hygiene-form');
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.waitForURL(/\/hygiene\/record\/done\?id=\d+/);
    // The success page says what was recorded.
    expect(await page.locator('main').textContent()).toContain('已登记：查阅区清洁');

    // Status page now shows the reading area's cleaning as done.
    await page.goto(`${base}/`);
    const row = page.locator('section:has(#h-hygiene) tr', { hasText: '查阅区' }).filter({ hasText: '清洁' });
    await expect.poll(() => row.locator('.st-on-time, .st-late').count()).toBeGreaterThan(0);
    await shot(page, '06-status-after-cleaning');

    // The public report form: no sign-in (a fresh context with no cookies). A phone number is left.
    await browser.clearCookies();
    const publicPage = page;
    await publicPage.goto(`${base}/report?device=printer-01`);
    await shot(publicPage, '07-report-form');
    await publicPage.getByRole('radio', { name: '设备无法使用' }).check();
    await publicPage.getByLabel('具体情况').fill('打印出来全是白纸');
    await publicPage.getByLabel(/联系电话/).fill('138 0013 8000');
    await publicPage.getByRole('button', { name: '提交' }).click();
    await publicPage.waitForURL(/\/report\/received\?/);
    expect(await publicPage.getByRole('status').textContent()).toBe('已收到，谢谢！');
    const caseNo = (await publicPage.locator('.case').textContent()) ?? '';
    expect(caseNo).toMatch(/^ZS-\d{8}-\d{3}$/);
    await shot(publicPage, '08-report-thanks');

    // The technician sees the full number on the complaint page, accepts it and records the answer.
    await browser.clearCookies();
    await page.goto(`${base}/login`);
    await page.getByLabel('姓名').selectOption({ label: '李技术' });
    await page.getByLabel('密码').fill('135790');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/complaints`);
    await page.getByRole('link', { name: caseNo }).click();
    await page.waitForURL(/\/complaints\/\d+$/);
    const complaintUrl = page.url();
    expect(await page.getByRole('link', { name: '13800138000' }).count()).toBe(1);
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await page.waitForURL(/saved=1/);
    await page.getByLabel('答复内容').fill('已安排维修，打印机修好后再电话告知您。');
    await page.getByRole('button', { name: '登记答复' }).click();
    await page.waitForURL(/saved=1/);
    await shot(page, '09-complaint-answered');

    // The attendant (not assigned to it) sees the number masked.
    await browser.clearCookies();
    await signIn(page);
    await page.goto(complaintUrl);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('138****8000');
    expect(main).not.toContain('13800138000');

    // The month's report counts it as answered on time.
    const month = `${caseNo.slice(3, 7)}-${caseNo.slice(7, 9)}`;
    const answer = await fetch(`${base}/api/v1/reports/monthly?month=${month}`, {
      headers: { authorization: `Bearer ${demo.line('API token (technician):').trim()}` },
    });
    const text = await answer.text();
    expect(answer.status, text).toBe(200);
    const report = JSON.parse(text) as { complaints: { byType: { complaint: Record<string, number> } } };
    expect(report.complaints.byType.complaint).toMatchObject({ received: 1, answeredOnTime: 1 });

    await page.goto(`${base}/qr`);
    expect(await page.locator('.qr-label svg').count()).toBeGreaterThan(3);
    await shot(page, '10-qr-sheet');
  });

  it('the technician sees the sign-in lockouts page at phone size and 200 % text', {
    timeout: 60_000,
  }, async () => {
    const page = await browser.newPage();
    // 王小明 mistypes his PIN once: the technician's page shows it, with the button to clear it.
    await page.goto(`${base}/login`);
    await page.getByLabel('姓名').selectOption({ label: '王小明' });
    await page.getByLabel('密码').fill('000000');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('姓名或密码不正确');
    await page.getByLabel('姓名').selectOption({ label: '李技术' });
    await page.getByLabel('密码').fill('135790');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('link', { name: '登录锁定' }).click();
    await page.waitForURL(`${base}/lockouts`);
    await expect.poll(() => page.getByRole('heading', { name: '登录锁定' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: '王小明' }).count()).toBe(1);
    await expect.poll(() => page.getByText('最近输错 1 次').count()).toBe(1);
    await page.evaluate("document.documentElement.style.fontSize = '200%'");
    // Nothing wider than the phone at 200 % text, the button included.
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(
      phone.width,
    );
    const lift = page.getByRole('button', { name: '解除锁定：王小明' });
    const box = await lift.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(phone.width);
    await shot(page, '16-lockouts');
    await lift.click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已解除 王小明 的登录锁定。');
    await expect.poll(() => page.getByText('最近输错 1 次').count()).toBe(0);
    await page.close();
  });

  it('the lead keeps the rota on a phone: A away shows who covers, everyone away shows 无人值守', {
    timeout: 120_000,
  }, async () => {
    await browser.clearCookies();
    const page = await browser.newPage();
    await page.goto(`${base}/duty`);
    await page.getByLabel('姓名').selectOption({ label: '赵主任' });
    await page.getByLabel('密码').fill('864200');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${base}/duty`);
    const form = page.locator('form[action="/duty/absences"]');
    await form.getByLabel('人员').selectOption({ label: '王小明' });
    await form.getByLabel('事由').fill('病假');
    await shot(page, '11-duty-form');
    await form.getByRole('button', { name: '登记请假' }).click();
    await page.waitForURL(/done=saved/);
    expect(await page.getByRole('status').textContent()).toContain('已保存');
    await page.goto(`${base}/`);
    expect(await page.locator('#duty-covers').textContent()).toBe('值班提醒由B 岗 刘芳 接收');
    await shot(page, '12-status-a-away');

    // 刘芳 away too: the page asks for the cover first, then the banner shows.
    await page.goto(`${base}/duty`);
    await form.getByLabel('人员').selectOption({ label: '刘芳' });
    await form.getByLabel('事由').fill('事假');
    await form.getByRole('button', { name: '登记请假' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('刘芳 请假后');
    await form.getByLabel(/已安排负责人或技术员代岗/).check();
    await form.getByLabel('事由').fill('事假');
    await form.getByRole('button', { name: '登记请假' }).click();
    await page.waitForURL(/done=saved/);
    await page.goto(`${base}/`);
    const banner = page.locator('#duty-uncovered');
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toContain('无人值守');
    // Phone first: nothing wider than the phone.
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    await shot(page, '13-status-uncovered');
    await page.goto(`${base}/duty`);
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    await shot(page, '14-duty-uncovered');

    // Undo both: the demo zone is covered again.
    for (let i = 0; i < 2; i++) {
      await page.locator('form[action$="/undo"] button').first().click();
      await page.waitForURL(/done=undone/);
    }
    await page.goto(`${base}/`);
    expect(await page.locator('#duty-uncovered').count()).toBe(0);

    // The weekly rota: today's weekday given to 刘芳 (A) and 王小明 (B), in force at once, then undone.
    await page.goto(`${base}/duty`);
    const rota = page.locator('form[action="/duty/rota"]');
    await rota.getByLabel('A 岗').selectOption({ label: '刘芳' });
    await rota.getByLabel('B 岗').selectOption({ label: '王小明' });
    await shot(page, '15-duty-rota-form');
    await rota.getByRole('button', { name: '修改值班表' }).click();
    await page.waitForURL(/done=saved/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    await page.goto(`${base}/`);
    expect(await page.locator('section:has(#h-duty)').textContent()).toContain('A 岗：刘芳B 岗：王小明');
    await page.goto(`${base}/duty`);
    await page.locator('form[action^="/duty/rota/"] button').click();
    await page.waitForURL(/done=undone/);
    await page.goto(`${base}/`);
    expect(await page.locator('section:has(#h-duty)').textContent()).toContain('A 岗：王小明B 岗：刘芳');
  });
});
