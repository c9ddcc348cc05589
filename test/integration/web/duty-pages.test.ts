import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../../src/web/pin-hash.js';
import { minimalConfigData, testConfig } from '../../helpers/config.js';
import { Browser, startWebStack, type WebStack } from './stack.js';

// The rota page and the status page's duty block over real HTTP (Tuesday 6 May 2025, 10:00): our own
// zone of an A post 甲, a B post 乙, the lead 丙主任 and the technician 丁, each with a sign-in.

const pin = '246810';
let stack: WebStack;
beforeAll(async () => {
  const data = minimalConfigData();
  const people = data.people as Array<Record<string, unknown>>;
  people.push(
    { id: 'staff-b', name: '乙', role: 'staff', post: 'B', notify: ['hook'] },
    { id: 'lead', name: '丙主任', role: 'lead', notify: ['hook'] },
    { id: 'tech', name: '丁', role: 'technician', notify: ['hook'] },
  );
  const hash = await hashPin(pin, { N: 1024, r: 8, p: 1 });
  data.web = { accounts: people.map((p) => ({ person: p.id, pinHash: hash })) };
  stack = await startWebStack(testConfig(data));
});
afterAll(() => stack.stop());

const signedIn = async (person: string) => {
  const b = new Browser(stack.base);
  expect((await b.signIn(person, pin)).status).toBe(303);
  return b;
};
/** One weekday's row of the weekly rota, its cells joined by ' | '. */
const rotaRow = (html: string, day: string) =>
  text(
    (new RegExp(`<tr><th scope="row">${day}</th>.*?</tr>`).exec(html)?.[0] ?? '').replace(
      /<\/t[dh]>/g,
      ' | ',
    ),
  ).trim();
const text = (html: string) =>
  html
    .replace(/<br>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');

describe('the rota on the pages', () => {
  it('needs a sign-in; attendants see the rota without the forms and may not change it', async () => {
    expect((await new Browser(stack.base).request('/duty')).headers.get('location')).toBe(
      '/login?next=%2Fduty',
    );
    const a = await signedIn('staff-a');
    const page = await a.page('/duty');
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain('A 岗：甲 B 岗：乙');
    expect(page.body).not.toContain('action="/duty/absences"');
    expect(page.body).toContain('值班表、调班和请假由负责人或技术员修改、登记、撤销。');
    expect(page.body).not.toContain('action="/duty/rota"');
    const tried = await a.post('/duty/absences', {
      csrf: page.csrf ?? '',
      personId: 'staff-a',
      from: '2025-05-06',
      to: '2025-05-06',
      reason: '病假',
    });
    expect(tried.status).toBe(403);
    expect(text(await tried.text())).toContain('只有技术员、负责人或管理员可以修改值班安排');
  });

  it('the lead records A’s absence: the status page says who covers; a bad date comes back with the form', async () => {
    const lead = await signedIn('lead');
    const { csrf } = await lead.page('/duty');
    const bad = await lead.post('/duty/absences', {
      csrf: csrf ?? '',
      personId: 'staff-a',
      from: '2025-05-06',
      to: '2025-13-01',
      reason: '病假',
    });
    expect(bad.status).toBe(400);
    const badBody = await bad.text();
    expect(badBody).toContain('to：日期格式应为 YYYY-MM-DD（如 2025-05-06），收到 &quot;2025-13-01&quot;');
    expect(badBody).toContain('value="病假"');
    expect(text((await lead.page('/duty')).body)).toContain('没有登记的请假。');

    const ok = await lead.post('/duty/absences', {
      csrf: csrf ?? '',
      personId: 'staff-a',
      from: '2025-05-06',
      to: '2025-05-06',
      reason: '病假',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/duty?done=saved');
    const status = text((await lead.page('/')).body);
    expect(status).toContain('今日值班 A 岗：甲（请假：病假） B 岗：乙 值班提醒由B 岗 乙 接收');
    expect(status).not.toContain('无人值守');
  });

  it('everyone away: refused until the cover is confirmed, then 无人值守 on the status page; undo removes it', async () => {
    const lead = await signedIn('lead');
    const { csrf } = await lead.page('/duty');
    const form = {
      csrf: csrf ?? '',
      personId: 'staff-b',
      from: '2025-05-06',
      to: '2025-05-06',
      reason: '事假',
    };
    const refused = await lead.post('/duty/absences', form);
    expect(refused.status).toBe(409);
    expect(text(await refused.text())).toContain('乙 请假后，2025-05-06 将无人值守');
    expect((await lead.post('/duty/absences', { ...form, confirmCover: 'true' })).status).toBe(303);

    const status = await lead.page('/');
    expect(status.body).toMatch(
      /<p class="msg err" role="alert" id="duty-uncovered"><strong>无人值守<\/strong>/,
    );
    expect(text(status.body)).toContain(
      '今日 A 岗、B 岗都不在岗，值班提醒改发给负责人 丙主任。请尽快安排代岗。',
    );

    const rota = await lead.page('/duty');
    const undo = /action="(\/duty\/absences\/(\d+)\/undo)"/g;
    const actions = [...rota.body.matchAll(undo)].map((m) => m[1] as string);
    expect(actions).toHaveLength(2);
    expect((await lead.post(actions[1] as string, { csrf: rota.csrf ?? '' })).status).toBe(303);
    const after = text((await lead.page('/')).body);
    expect(after).not.toContain('无人值守');
    expect(after).toContain('B 岗：乙 值班提醒由B 岗 乙 接收');
  });

  it('the lead changes Tuesday’s posts in the weekly rota: refused without an A post, in force at once, undone', async () => {
    const lead = await signedIn('lead');
    const page = await lead.page('/duty');
    expect(rotaRow(page.body, '周二')).toBe('周二 | 甲 | 乙 | 配置文件（人员岗位） |');
    // The form starts on today's weekday with its holders.
    expect(page.body).toContain('<option value="tue" selected>');
    expect(page.body).toMatch(/<select id="r-a" name="A">.*<option value="staff-a" selected>甲<\/option>/);
    const form = { csrf: page.csrf ?? '', weekday: 'tue', A: '', B: 'staff-a', reason: '轮换' };
    const refused = await lead.post('/duty/rota', form);
    expect(refused.status).toBe(400);
    const refusedBody = await refused.text();
    expect(text(refusedBody)).toContain('A：周二是工作日，必须有人值 A 岗');
    // The form comes back as typed.
    expect(refusedBody).toContain('<option value="tue" selected>');
    expect(refusedBody).toContain('value="轮换"');

    const ok = await lead.post('/duty/rota', { ...form, A: 'staff-b' });
    expect(ok.status).toBe(303);
    const rota = await lead.page('/duty');
    expect(rotaRow(rota.body, '周二')).toBe('周二 | 乙 | 甲 | 丙主任 修改（轮换） 撤销 |');
    // Today is a Tuesday: the status page has the new posts (甲 is still away from the test before).
    expect(text((await lead.page('/')).body)).toContain('A 岗：乙 B 岗：甲（请假：病假）');

    const undo = rota.body.match(/action="(\/duty\/rota\/\d+\/undo)"/)?.[1];
    expect(undo).toBeDefined();
    expect((await lead.post(undo as string, { csrf: rota.csrf ?? '' })).status).toBe(303);
    expect(rotaRow((await lead.page('/duty')).body, '周二')).toBe('周二 | 甲 | 乙 | 配置文件（人员岗位） |');
    const actions = (await stack.store.audit.list()).map((x) => x.action);
    expect(actions.slice(0, 2)).toEqual(['duty.rota.undo', 'duty.rota.set']);
  });
});
