import type { Config } from '../config/schema.js';
import { hhmm } from '../domain/local-time.js';
import type { Language } from '../domain/messages.js';
import { deviceTypeNamesZh, weekdayNames } from '../domain/words.js';

function tally(values: readonly string[], lang: Language, names: Record<string, string> = {}): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([k, n]) => `${lang === 'en' ? k : (names[k] ?? k)} ${n}`)
    .join(lang === 'en' ? ', ' : '、');
}

const roleZh: Record<string, string> = {
  'staff A': '值班人员 A岗',
  'staff B': '值班人员 B岗',
  technician: '技术员',
  lead: '负责人',
  admin: '管理员',
};
const powerZh: Record<string, string> = { wol: '网络唤醒', plug: '插座', agent: '代理程序', none: '不控制' };
const notifierZh: Record<string, string> = { wecom: '企业微信', dingtalk: '钉钉', email: '电子邮件' };
const tokenZh: Record<string, string> = { staff: '值班', technician: '技术员', admin: '管理员' };

/** The human summary `zoneops check-config` prints for a valid file. No secrets, no phone numbers. */
export function summarizeConfig(config: Config, lang: Language = 'en'): string[] {
  const d = config.devices;
  const protocols = d.flatMap((x) =>
    [x.snmp ? 'snmp' : '', x.ipp ? 'ipp' : '', x.mqtt ? 'mqtt' : ''].filter(Boolean),
  );
  const people = config.people.map((p) => (p.role === 'staff' ? `staff ${p.post ?? '?'}` : p.role));
  const hours = config.officeHours;
  const periods = (s: (typeof hours.seasons)[number]) =>
    s.periods.map((p) => `${hhmm(p.from)}-${hhmm(p.to)}`).join(lang === 'en' ? ', ' : '、');
  const tokens = config.api.tokens.map((t) => t.role);
  if (lang === 'en') {
    return [
      `site: ${config.site} (${config.siteName}), timezone ${config.timezone}, language ${config.language}`,
      `devices: ${d.length}${
        d.length
          ? ` (${tally(
              d.map((x) => x.type),
              lang,
            )})`
          : ''
      }`,
      `  protocols: ${tally(protocols, lang) || 'none'}; power: ${
        tally(
          d.map((x) => x.power.method),
          lang,
        ) || 'none'
      }`,
      `people: ${config.people.length}${people.length ? ` (${tally(people, lang)})` : ''}`,
      `notifiers: ${config.notifiers.length}${
        config.notifiers.length
          ? ` (${tally(
              config.notifiers.map((n) => n.type),
              lang,
            )})`
          : ''
      }`,
      `office hours: ${hours.weekdays.join(' ')}; lunch break ${hours.lunchBreak}`,
      ...hours.seasons.map((s) => `  ${s.name} from ${s.from}: ${periods(s)}`),
      `api tokens: ${tokens.length}${tokens.length ? ` (${tally(tokens, lang)})` : ''}`,
      `http: ${config.http.listen.host}:${config.http.listen.port}; store: ${config.store.path}`,
    ];
  }
  return [
    `专区：${config.siteName}（${config.site}），时区 ${config.timezone}，语言 ${config.language}`,
    `设备：${d.length} 台${
      d.length
        ? `（${tally(
            d.map((x) => x.type),
            lang,
            deviceTypeNamesZh,
          )}）`
        : ''
    }`,
    `  协议：${tally(protocols, lang) || '无'}；开关方式：${
      tally(
        d.map((x) => x.power.method),
        lang,
        powerZh,
      ) || '无'
    }`,
    `人员：${config.people.length} 人${people.length ? `（${tally(people, lang, roleZh)}）` : ''}`,
    `通知渠道：${config.notifiers.length} 个${
      config.notifiers.length
        ? `（${tally(
            config.notifiers.map((n) => n.type),
            lang,
            notifierZh,
          )}）`
        : ''
    }`,
    `办公日：${hours.weekdays.map((w) => (weekdayNames['zh-CN'] as Record<string, string>)[w] ?? w).join('、')}；午休时 ${hours.lunchBreak === 'off' ? '关机' : '不关机'}`,
    ...hours.seasons.map((s) => `  ${s.name}（${s.from} 起）：${periods(s)}`),
    `API 令牌：${tokens.length} 个${tokens.length ? `（${tally(tokens, lang, tokenZh)}）` : ''}`,
    `网页和接口：${config.http.listen.host}:${config.http.listen.port}；数据库：${config.store.path}`,
  ];
}

/** Things that are valid but will hurt: printed after the summary, exit code still 0. */
export function configWarnings(config: Config, lang: Language = 'en'): string[] {
  const out: string[] = [];
  if (!config.http.publicUrl) {
    out.push(
      lang === 'en'
        ? 'warning: http.publicUrl is not set: the QR sheet cannot make codes and notifications carry no link. Set it to the address staff and citizens open on their phones, e.g. http://192.168.1.10:9464'
        : '警告：没有设置 http.publicUrl：二维码页面无法生成二维码，通知消息里也没有详情链接。请填写工作人员和群众用手机能打开的地址，例如 http://192.168.1.10:9464',
    );
  }
  return out;
}
