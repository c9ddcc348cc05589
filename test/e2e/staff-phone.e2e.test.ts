import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../src/web/pin-hash.js';
import { axeViolations, horizontalOverflow, launchChromium } from '../helpers/browser.js';
import { repoRoot } from '../helpers/cli.js';
import { minimalConfigData, testConfig } from '../helpers/config.js';
import { pins, startWebStack, type WebStack } from '../integration/web/stack.js';

// Issue 16, "Done means": the attendant's and the technician's jobs done on a phone-sized Chromium,
// signed in with a PIN (no token), all in Chinese; every page checked with axe-core and for horizontal
// scrolling at 320 px and at 200 % text. The daemon's HTTP side on a fake clock (Tue 2025-05-06 10:00).
const shots = join(repoRoot, 'test/artifacts/screenshots/staff-phone');
const phone = { width: 390, height: 844 };

let stack: WebStack;
let chrome: Awaited<ReturnType<typeof launchChromium>> | undefined;
let browser: BrowserContext;

async function zoneConfig() {
  const data = minimalConfigData();
  const people = data.people as Array<Record<string, unknown>>;
  people.push({ id: 'tech-a', name: '技术员乙', role: 'technician', notify: [] });
  const devices = data.devices as Array<Record<string, unknown>>;
  const pc = devices[0] as Record<string, unknown>;
  pc.power = { method: 'wol', mac: '00:11:22:33:44:55', address: '127.0.0.1' };
  devices.push({
    id: 'printer-01',
    name: '打印机 P-01',
    type: 'printer',
    location: '一楼查阅区',
    assetNo: 'ZS-ZW-2023-003',
    vendor: { name: '演示打印机厂', phone: '400-000-0003' },
    serviceProvider: { name: '演示办公设备维修部', contact: '孙师傅', phone: '023-00000002' },
    purchasedOn: '2023-06-01',
    warrantyUntil: '2026-05-31',
    responsible: '甲',
    snmp: { host: '127.0.0.1', port: 16102, version: '2c', community: 'demo-printer-01' },
    power: { method: 'plug', plug: 'plug-01' },
  });
  data.web = {
    accounts: [
      { person: 'staff-a', pinHash: await hashPin(pins.staff) },
      { person: 'tech-a', pinHash: await hashPin(pins.tech) },
    ],
  };
  data.hygiene = { targets: [{ id: 'reading-area', name: '查阅区', tasks: ['clean', 'disinfect'] }] };
  return testConfig(data);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  stack = await startWebStack(await zoneConfig());
  chrome = await launchChromium({ viewport: phone, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  browser = chrome.context;
}, 120_000);

afterAll(async () => {
  await chrome?.close();
  await stack?.stop();
});

/** What a sighted user reads (innerText: hidden parts such as a closed <details> left out). */
const visibleText = (page: Page, selector = 'main') =>
  // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator; the visible text is the point
  page.locator(selector).innerText();

/**
 * Latin words a Chinese page may show: what the user typed into the config (ids, site, models, asset
 * numbers), the link to the English version, file formats and protocol names the technician knows.
 */
const allowedLatin = new Set([
  'English',
  'CSV',
  'Excel',
  'PDF',
  'A4', // the paper size, as an office writes it
  'PIN',
  'SNMP',
  'IPP',
  'MQTT',
  'testzone',
  'zoneops', // the product's name, in the report's note on where the figures come from
  'pc-01',
  'plug-01',
  'printer-01',
  'P-01',
  'T-001',
  'ZS-ZW-',
]);

/** Words of 2+ Latin letters in the visible text that are not in allowedLatin (units such as kWh excepted). */
async function latinWords(page: Page): Promise<string[]> {
  const text = await visibleText(page, 'body');
  const words = text.match(/[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]/g) ?? [];
  return [...new Set(words)].filter(
    (w) => !allowedLatin.has(w) && !/^(kWh|W|MB|GB|GiB|ms|ZS-ZW-\d+-\d+|[A-Z]-\d+)$/.test(w),
  );
}

/**
 * Screenshot, axe-core with zero violations, no sideways scrolling at 390 px, 320 px and 200 % text,
 * and no English words in the Chinese interface.
 */
async function check(page: Page, name: string) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  expect(await latinWords(page), `${name}: English in the Chinese UI`).toEqual([]);
  expect(await axeViolations(page), `${name}: axe-core`).toEqual([]);
  expect(await horizontalOverflow(page), `${name}: overflow at 390 px`).toBeLessThanOrEqual(0);
  expect(await horizontalOverflow(page, 200), `${name}: overflow at 200 % text`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 320, height: 700 });
  expect(await horizontalOverflow(page), `${name}: overflow at 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize(phone);
}

async function signIn(page: Page, name: string, pin: string) {
  await page.goto(`${stack.base}/faults/1`);
  await page.waitForURL(/\/login/);
  await page.getByLabel('姓名').selectOption({ label: name });
  await page.getByLabel('密码').fill(pin);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

describe('staff pages on a phone (390×844, Chinese, PIN sign-in)', () => {
  it('the attendant: finds the paper-out fault, acknowledges, resolves with a quick reply; keeps pc-01 on until 18:00; dials the vendor; reads the report', {
    timeout: 240_000,
  }, async () => {
    const id = await stack.faults.raise({
      deviceId: 'printer-01',
      kind: 'paper-out',
      detail: 'Tray 1 empty',
    });
    const page = await browser.newPage();
    await signIn(page, '甲', pins.staff);
    await page.goto(`${stack.base}/`);
    await check(page, '01-status');
    // No meta refresh: a screen reader is never thrown back to the top.
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);

    await page.goto(`${stack.base}/faults`);
    await check(page, '02-faults');
    await page.locator(`a[href="/faults/${id}"]`).first().click();
    await page.waitForURL(new RegExp(`/faults/${id}`));
    const body = await visibleText(page);
    expect(body).toContain('缺纸');
    expect(body).not.toContain('Tray 1 empty');
    expect(body).not.toContain('paper-out');
    await check(page, '03-fault');
    // The asset's contacts beside the timeline: the vendor can be dialled from the fault page.
    expect(await page.locator('a[href="tel:4000000003"]').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: '确认收到' }).click();
    await page.waitForLoadState();
    expect((await stack.faults.get(id))?.fault.state).toBe('acknowledged');
    await page.getByRole('button', { name: '已加纸' }).click();
    await page.waitForLoadState();
    await check(page, '04-fault-resolved');
    const resolved = await stack.faults.get(id);
    expect(resolved?.fault.state).toBe('resolved');

    await page.goto(`${stack.base}/power`);
    await check(page, '05-power');
    await page.locator('#keep-device').selectOption({ label: '电脑 1' });
    await page.locator('#keep-until').fill('18:00');
    await page.locator('#keep-note').fill('还有群众在查阅');
    await page.getByRole('button', { name: '保持开机' }).click();
    await page.waitForLoadState();
    expect(await visibleText(page)).toContain('18:00');
    await page.goto(`${stack.base}/`);
    const status = await visibleText(page);
    expect(status).toContain('保持开机');
    expect(status).toContain('18:00');

    await page.goto(`${stack.base}/devices`);
    await check(page, '06-devices');
    await page.locator('a[href="/devices/printer-01"]').first().click();
    await page.waitForURL(/\/devices\/printer-01$/);
    await check(page, '07-device-printer');
    const card = await visibleText(page);
    expect(card).toContain('ZS-ZW-2023-003');
    expect(card).toContain('演示打印机厂');
    expect(await page.locator('a[href="tel:4000000003"]').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href="tel:02300000002"]').count()).toBeGreaterThan(0);

    // The running month (the store has no earlier record, so an earlier month is refused with a 400).
    const report = await page.goto(`${stack.base}/reports?month=2025-05`);
    expect(report?.status()).toBe(200);
    await check(page, '08-reports');
    expect(await page.locator('main > h1').textContent()).toBe('测试专区设备运行情况月报（2025年5月）');
    expect(await page.locator('article.zo-report figure[role="img"] svg').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href^="/reports/download?month=2025-05&format=pdf"]').count()).toBe(1);
    expect(await page.locator('a[href="/reports/hygiene?month=2025-05"]').count()).toBe(1);
    await page.close();
  });

  it('the technician: records a vendor contact with a promised time, forces a device off, adds a maintenance record', {
    timeout: 240_000,
  }, async () => {
    await browser.clearCookies();
    const id = await stack.faults.raise({ deviceId: 'printer-01', kind: 'jam', detail: 'jam' });
    const page = await browser.newPage();
    await signIn(page, '技术员乙', pins.tech);
    await page.goto(`${stack.base}/faults/${id}`);
    await page.getByRole('radio', { name: /技术服务商/ }).check();
    await page.getByLabel('对方联系人').fill('孙师傅');
    await page.getByLabel('承诺上门或修复时间').fill('2025-05-06T15:00');
    await page.getByRole('button', { name: '登记联系厂家 / 服务商' }).click();
    await page.waitForLoadState();
    await check(page, '09-fault-vendor-contacted');
    expect(await visibleText(page)).toContain('已联系服务商');
    const f = await stack.faults.get(id);
    expect(f?.fault.state).toBe('vendor-contacted');

    await page.goto(`${stack.base}/power`);
    await page.locator('#force-device').selectOption({ label: '电脑 1' });
    await page.getByRole('radio', { name: '强制关机' }).check();
    await page.locator('#force-note').fill('更换网卡');
    await page.getByRole('button', { name: '立即执行' }).click();
    await page.waitForLoadState();
    await check(page, '10-power-forced-off');
    expect(await visibleText(page)).toContain('强制关机');

    await page.goto(`${stack.base}/devices/printer-01`);
    await page.getByLabel('类别').selectOption({ label: '维修' });
    await page.getByLabel('做了什么').fill('更换搓纸轮');
    await page.getByLabel('谁做的').fill('厂家工程师张工');
    await page.getByRole('button', { name: '登记维修保养' }).click();
    await page.waitForLoadState();
    await check(page, '11-device-maintenance');
    expect(await visibleText(page)).toContain('更换搓纸轮');
    await page.close();
  });

  it('without a session every staff page sends the browser to sign in; an unknown page is a Chinese 404', async () => {
    await browser.clearCookies();
    const page = await browser.newPage();
    for (const path of ['/faults/1', '/devices', '/devices/printer-01', '/power', '/reports']) {
      await page.goto(`${stack.base}${path}`);
      expect(new URL(page.url()).pathname, path).toBe('/login');
    }
    const res = await page.goto(`${stack.base}/no-such-page`);
    expect(res?.status()).toBe(404);
    expect(await visibleText(page, 'body')).toMatch(/[\u4e00-\u9fff]/);
    await page.close();
  });
});
