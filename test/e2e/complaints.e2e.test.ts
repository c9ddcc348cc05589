import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { repoRoot } from '../helpers/cli.js';
import { type ComplaintZone, people, startComplaintZone, tokens } from '../integration/complaints/zone.js';

// The citizen's report form and the complaint pages in Debian's headless Chromium at phone size
// (390 × 844, touch), against the whole daemon on the fake clock (濯水镇, Tuesday 1 December 2026 10:00).
// Accessibility is checked with axe-core's WCAG 2.1 A/AA rules (https://github.com/dequelabs/axe-core,
// `axe.run` with `runOnly` tags), and again with the text at 200 % (WCAG 1.4.4): nothing may need
// sideways scrolling. The screenshots are in test/artifacts/screenshots/complaint-*.png.

const shots = join(repoRoot, 'test/artifacts/screenshots');
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const phone = { width: 390, height: 844 };

let zone: ComplaintZone;
let chrome: Awaited<ReturnType<typeof launchChromium>> | undefined;
let browser: BrowserContext;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  zone = await startComplaintZone();
  // The pages allow scripts only from themselves (CSP script-src 'self'); axe is injected by the test.
  chrome = await launchChromium({
    viewport: phone,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    bypassCSP: true,
  });
  browser = chrome.context;
}, 120_000);

afterAll(async () => {
  await chrome?.close();
  await zone?.stop();
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(shots, `complaint-${name}.png`), fullPage: true });
}

/** axe-core's WCAG 2.1 A and AA violations on the page as it is, as "rule: selectors". */
async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  // A string, evaluated in the page (the project's TypeScript has no DOM library).
  const script = `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`;
  return page.evaluate<string[]>(script);
}

/** With the text at 200 %, the page still fits the phone's width (no sideways scrolling). */
async function fitsAtDoubleText(page: Page): Promise<number> {
  await page.addStyleTag({ content: 'body{font-size:32px !important}' });
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  await page.reload();
  return overflow;
}

async function signIn(page: Page, who: keyof typeof people) {
  await browser.clearCookies();
  await page.goto(`${zone.base}/login`);
  await page.getByLabel('姓名').selectOption({ label: people[who].name });
  await page.getByLabel('密码').fill(people[who].pin);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${zone.base}/`);
}

const registerSize = async () =>
  ((await zone.api('GET', '/complaints', { token: tokens.staff })).json as { complaints: unknown[] })
    .complaints.length;

describe('the public report form on a phone', () => {
  it('keeps the input on a mistake, gives a ZS- number, and a refresh does not send it twice', {
    timeout: 120_000,
  }, async () => {
    await browser.clearCookies();
    const page = await browser.newPage();

    // Without a QR code: "请选择" is chosen, no plug and no name twice in the list.
    await page.goto(`${zone.base}/report`);
    const device = page.getByLabel('哪台设备？');
    expect(await device.inputValue()).toBe('');
    expect(await device.locator('option:checked').textContent()).toBe('请选择');
    const options = await device.locator('option').allTextContents();
    expect(options).not.toContain('智能插座 1');
    expect(new Set(options).size).toBe(options.length);

    // From the copier's QR code: the copier is chosen.
    await page.goto(`${zone.base}/report?device=copier-01`);
    expect(await device.inputValue()).toBe('copier-01');
    expect(await axe(page)).toEqual([]);
    expect(await fitsAtDoubleText(page)).toBeLessThanOrEqual(0);
    await shot(page, '01-form');

    // Big choices: each kind of problem is a tap target of at least 48 px.
    const jam = page.getByRole('radio', { name: '卡纸' });
    const box = await page.locator('label', { has: jam }).boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
    await jam.check();
    await page.getByLabel('具体情况').fill('复印机卡纸了，拿不出来');
    // A mobile number one digit short.
    await page.getByLabel('联系电话（选填）').fill('138 1234 567');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForLoadState();
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain('联系电话格式不对');
    expect(await alert.textContent()).not.toContain('138 1234 567');
    // Everything the citizen typed is still there, and the field says it is wrong.
    expect(await page.getByLabel('具体情况').inputValue()).toBe('复印机卡纸了，拿不出来');
    expect(await page.getByRole('radio', { name: '卡纸' }).isChecked()).toBe(true);
    expect(await device.inputValue()).toBe('copier-01');
    const contact = page.getByLabel('联系电话（选填）');
    expect(await contact.inputValue()).toBe('138 1234 567');
    expect(await contact.getAttribute('aria-invalid')).toBe('true');
    expect(await axe(page)).toEqual([]);
    await shot(page, '02-form-mistake');
    expect(await registerSize()).toBe(0);

    // Corrected: post, redirect, the confirmation with the case number and what happens next.
    await contact.fill('138 1234 5678');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/report\/received\?/);
    expect(await page.getByRole('status').textContent()).toBe('已收到，谢谢！');
    expect(await page.locator('.case').textContent()).toBe('ZS-20261201-001');
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('工作人员将在 1 个工作日内处理；留了电话的，我们会回电告知结果。');
    expect(body).toContain('受理期限：2026-12-02 17:30 前');
    expect(await axe(page)).toEqual([]);
    expect(await fitsAtDoubleText(page)).toBeLessThanOrEqual(0);
    await shot(page, '03-received');

    // A refresh (twice) shows the same number again and sends nothing.
    await page.reload();
    await page.reload();
    expect(await page.locator('.case').textContent()).toBe('ZS-20261201-001');
    expect(await registerSize()).toBe(1);
    await page.close();
  });
});

describe('the complaint pages on a phone', () => {
  it('the technician sees the full number and records the answer; the A post sees it masked', {
    timeout: 120_000,
  }, async () => {
    const page = await browser.newPage();
    await signIn(page, 'tech');
    await page.goto(`${zone.base}/complaints`);
    expect(await axe(page)).toEqual([]);
    expect(await fitsAtDoubleText(page)).toBeLessThanOrEqual(0);
    await shot(page, '04-register');
    await page.getByRole('link', { name: 'ZS-20261201-001' }).click();
    await page.waitForURL(/\/complaints\/\d+$/);
    const url = page.url();
    expect(await page.getByRole('link', { name: '13812345678' }).getAttribute('href')).toBe(
      'tel:13812345678',
    );
    expect(await axe(page)).toEqual([]);
    expect(await fitsAtDoubleText(page)).toBeLessThanOrEqual(0);
    await shot(page, '05-complaint-technician');

    await page.getByRole('button', { name: '受理', exact: true }).click();
    await page.waitForURL(`${url}?saved=1`);
    await page.getByLabel('答复内容').fill('已清除卡纸，复印机可以正常使用了。');
    await page.getByRole('button', { name: '登记答复' }).click();
    await page.waitForURL(`${url}?saved=1`);
    // Answered, but the jam fault that acts on it is still open: the complaint waits for it.
    const state = page.locator('main .case + p .st');
    expect(await state.textContent()).toBe('已答复');
    await shot(page, '06-complaint-answered');
    await page.locator('a[href^="/faults/"]').first().click();
    await page.waitForURL(/\/faults\/\d+$/);
    // A quick reply (issue 16); if the printer still reports the jam, confirm as asked.
    await page.getByRole('button', { name: '已清除卡纸' }).click();
    await page.waitForLoadState();
    const confirm = page.getByRole('button', { name: '仍然标记处理完毕' });
    if ((await confirm.count()) > 0) {
      await confirm.click();
      await page.waitForLoadState();
    }
    await page.goto(url);
    expect(await state.textContent()).toBe('已办结');

    await signIn(page, 'a');
    await page.goto(url);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('联系电话：138****5678');
    expect(main).not.toContain('13812345678');
    expect(main).toContain('如需回电，请联系技术员或专区负责人');
    expect(await axe(page)).toEqual([]);
    await shot(page, '07-complaint-masked');

    const report = (await zone.api('GET', '/reports/monthly?month=2026-12', { token: tokens.staff }))
      .json as { complaints: { byType: { complaint: Record<string, number> } } };
    expect(report.complaints.byType.complaint).toMatchObject({ received: 1, answeredOnTime: 1, open: 0 });
    await page.close();
  });
});

describe('satisfaction from the QR sheet', () => {
  it('the sheet has a rating code for the zone and each device (none for a plug); a rating is counted', {
    timeout: 120_000,
  }, async () => {
    const page = await browser.newPage();
    await signIn(page, 'tech');
    await page.goto(`${zone.base}/qr`);
    // The sheet is a grid of labels (issue 16), one code each: the labels of a device share its name.
    const card = (name: string) =>
      page.locator('figure.qr-label', { has: page.locator('p.name', { hasText: new RegExp(`^${name}$`) }) });
    const links = async (name: string) =>
      (
        await card(name)
          .locator('figcaption a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href')))
      )
        .map((h) => h?.replace(zone.base, ''))
        .sort();
    expect(await links('濯水镇政务公开专区')).toEqual(['/satisfaction']);
    expect(await links('复印机 C-01')).toEqual([
      '/report?device=copier-01',
      '/satisfaction?device=copier-01',
    ]);
    expect(await links('智能插座 1')).toEqual([]);
    // Each link is drawn as a code.
    expect(await card('复印机 C-01').locator('svg').count()).toBe(2);

    // A citizen scans the copier's rating code.
    await browser.clearCookies();
    await page.goto(`${zone.base}/satisfaction?device=copier-01`);
    expect(await page.getByLabel('哪台设备？').inputValue()).toBe('copier-01');
    expect(await axe(page)).toEqual([]);
    expect(await fitsAtDoubleText(page)).toBeLessThanOrEqual(0);
    await shot(page, '08-satisfaction');
    await page.getByRole('radio', { name: '基本满意' }).check();
    await page.getByLabel(/意见或建议/).fill('复印机修得很快');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/satisfaction\/thanks$/);
    expect(await page.getByRole('status').textContent()).toBe('谢谢您的评价！');
    await page.reload();

    const report = (await zone.api('GET', '/reports/monthly?month=2026-12', { token: tokens.staff }))
      .json as { complaints: { satisfaction: { counts: Record<string, number>; total: number } } };
    expect(report.complaints.satisfaction).toMatchObject({
      counts: { satisfied: 0, 'basically-satisfied': 1, dissatisfied: 0 },
      total: 1,
    });
    await page.close();
  });
});
