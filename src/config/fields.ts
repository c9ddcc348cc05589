import { z } from 'zod';
import { show } from './problems.js';
import { resolveSecret, type Secret, type SecretSources } from './secret.js';

/** Reusable config field types, each with the message a technician needs when it is wrong. */

export const integer = (min: number, max: number) =>
  z.custom<number>((v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max, {
    error: (iss) =>
      iss.input === undefined ? 'required' : `expected integer ${min}..${max}, got ${show(iss.input)}`,
  });

export const text = (what = 'text') =>
  z
    .string({
      error: (iss) => (iss.input === undefined ? 'required' : `expected ${what}, got ${show(iss.input)}`),
    })
    .trim()
    .min(1, { error: 'must not be empty' });

const idPattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const identifier = () =>
  z.custom<string>((v) => typeof v === 'string' && idPattern.test(v), {
    error: (iss) =>
      iss.input === undefined
        ? 'required'
        : `expected an id of lowercase letters, digits, "-" or "_" (e.g. "pc-01"), got ${show(iss.input)}`,
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
      { error: (iss) => `expected a date YYYY-MM-DD, got ${show(iss.input)}` },
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
        iss.input === undefined ? 'required' : `expected a host name or IPv4 address, got ${show(iss.input)}`,
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
          `expected HOST:PORT with an IPv4 host (e.g. "127.0.0.1:9464"), got ${show(iss.input)}`,
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
      error: (iss) => `expected a time HH:MM (00:00..23:59), got ${show(iss.input)}`,
    })
    .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5)));

export const secret = (sources: SecretSources) =>
  z
    .string({
      error: (iss) =>
        iss.input === undefined ? 'required' : 'expected text (a literal, ${ENV_VAR} or file:/path)',
    })
    .min(1, { error: 'must not be empty' })
    .transform((raw, ctx): Secret => {
      const result = resolveSecret(raw, sources);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.error, input: '[redacted]' });
        return z.NEVER;
      }
      return result.value;
    });
