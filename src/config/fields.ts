import { z } from 'zod';
import { say, show } from './problems.js';
import { resolveSecret, type Secret, type SecretSources } from './secret.js';

/** Reusable config field types, each with the message a technician needs when it is wrong. */

export const integer = (min: number, max: number) =>
  z.custom<number>((v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max, {
    error: (iss) =>
      iss.input === undefined
        ? say('required', '必填')
        : say(
            `expected integer ${min}..${max}, got ${show(iss.input)}`,
            `应为 ${min} 到 ${max} 之间的整数，实际是 ${show(iss.input)}`,
          ),
  });

/** What a text field holds, in the reader's words. */
const whatWords: Readonly<Record<string, string>> = {
  text: '文字',
  'a file path': '文件路径',
  'an asset number': '资产编号',
  'a phone number': '电话号码',
  'the custodian name': '责任人姓名',
  'a network interface name': '网卡名称',
};

export const text = (what = 'text') =>
  z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? say('required', '必填')
          : say(
              `expected ${what}, got ${show(iss.input)}`,
              `应为${whatWords[what] ?? what}，实际是 ${show(iss.input)}`,
            ),
    })
    .trim()
    .min(1, { error: () => say('must not be empty', '不能为空') });

const idPattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const identifier = () =>
  z.custom<string>((v) => typeof v === 'string' && idPattern.test(v), {
    error: (iss) =>
      iss.input === undefined
        ? say('required', '必填')
        : say(
            `expected an id of lowercase letters, digits, "-" or "_" (e.g. "pc-01"), got ${show(iss.input)}`,
            `编号只能用小写英文字母、数字、"-" 和 "_"（例如 "pc-01"），实际是 ${show(iss.input)}`,
          ),
  });

/** YAML turns 2024-05-01 into a Date; accept that and a quoted string, give back YYYY-MM-DD. */
export const isoDate = () =>
  z
    .custom<string | Date>(
      (v) =>
        (v instanceof Date && !Number.isNaN(v.getTime())) ||
        (typeof v === 'string' &&
          /^\d{4}-\d{2}-\d{2}$/.test(v) &&
          !Number.isNaN(Date.parse(`${v}T00:00:00Z`))),
      {
        error: (iss) =>
          say(
            `expected a date YYYY-MM-DD, got ${show(iss.input)}`,
            `应为日期 YYYY-MM-DD，实际是 ${show(iss.input)}`,
          ),
      },
    )
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v));

const hostPattern =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const ipv4Pattern = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
export const host = () =>
  z.custom<string>(
    (v) => typeof v === 'string' && (ipv4Pattern.test(v) || (hostPattern.test(v) && !/^[\d.]+$/.test(v))),
    {
      error: (iss) =>
        iss.input === undefined
          ? say('required', '必填')
          : say(
              `expected a host name or IPv4 address, got ${show(iss.input)}`,
              `应为主机名或 IPv4 地址，实际是 ${show(iss.input)}`,
            ),
    },
  );
export const isIPv4 = (v: string) => ipv4Pattern.test(v);

/** `127.0.0.1:9464` → { host, port }. */
export const listenAddress = () =>
  z
    .custom<string>(
      (v) => {
        if (typeof v !== 'string') return false;
        const m = /^(.+):(\d{1,5})$/.exec(v);
        return m !== null && ipv4Pattern.test(m[1] as string) && Number(m[2]) <= 65535;
      },
      {
        error: (iss) =>
          say(
            `expected HOST:PORT with an IPv4 host (e.g. "127.0.0.1:9464"), got ${show(iss.input)}`,
            `应为“IPv4 地址:端口”（例如 "127.0.0.1:9464"），实际是 ${show(iss.input)}`,
          ),
      },
    )
    .transform((v) => {
      const i = v.lastIndexOf(':');
      return { host: v.slice(0, i), port: Number(v.slice(i + 1)) };
    });

/** `HH:MM` → minutes after midnight. */
export const clockTime = () =>
  z
    .custom<string>((v) => typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(v), {
      error: (iss) =>
        say(
          `expected a time HH:MM (00:00..23:59), got ${show(iss.input)}`,
          `应为时间 HH:MM（00:00 到 23:59），实际是 ${show(iss.input)}`,
        ),
    })
    .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5)));

export const secret = (sources: SecretSources) =>
  z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? say('required', '必填')
          : say(
              'expected text (a literal, ${ENV_VAR} or file:/path)',
              '应为文字（直接写值，或 ${环境变量}、file:/文件路径）',
            ),
    })
    .min(1, { error: () => say('must not be empty', '不能为空') })
    .transform((raw, ctx): Secret => {
      const result = resolveSecret(raw, sources);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.error, input: '[redacted]' });
        return z.NEVER;
      }
      return result.value;
    });
