import { tokens } from './daemon.js';

export type Role = keyof typeof tokens;

export interface Reply {
  status: number;
  body: string;
  contentType: string;
  headers: Headers;
}

/** One request to the API; `body` objects are sent as JSON, strings and buffers as they are. */
export async function call(
  base: string,
  method: string,
  path: string,
  opts: {
    role?: Role;
    token?: string;
    body?: unknown;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token ?? (opts.role ? tokens[opts.role] : undefined);
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  let body: string | Uint8Array | undefined;
  if (opts.body !== undefined) {
    if (typeof opts.body === 'string' || opts.body instanceof Uint8Array) body = opts.body;
    else body = JSON.stringify(opts.body);
    headers['content-type'] = opts.contentType ?? 'application/json';
  } else if (opts.contentType) headers['content-type'] = opts.contentType;
  const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body } : {}) });
  return {
    status: res.status,
    body: await res.text(),
    contentType: res.headers.get('content-type') ?? '',
    headers: res.headers,
  };
}

/** The value of one series in Prometheus text, or undefined (labels must all match). */
export function metric(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const m = /^([^{ ]+)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = new Map<string, string>();
    for (const p of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      have.set(p[1] as string, p[2] as string);
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) return Number(m[3]);
  }
  return undefined;
}

/** Sum of every series of a metric whose labels match. */
export function metricSum(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([^{ ]+)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = new Map<string, string>();
    for (const p of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      have.set(p[1] as string, p[2] as string);
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) sum += Number(m[3]);
  }
  return sum;
}

/** A 5xx or a stack trace in an answer is a bug whatever the input was. */
export function looksLikeCrash(r: Reply): boolean {
  return r.status >= 500 || /\n\s+at .+\(.+:\d+:\d+\)|node_modules|\/src\/.+\.ts/.test(r.body);
}
