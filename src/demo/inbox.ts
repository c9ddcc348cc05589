import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatLocal } from '../domain/local-time.js';
import { html } from '../web/html.js';

/**
 * The demo's stand-in for WeCom: a local page that receives zoneops' webhook notifications and
 * shows them, newest first. Everything shown is escaped; the list is capped.
 */
interface InboxMessage {
  at: number;
  title: string;
  text: string;
  event: string;
}

export interface DemoInbox {
  readonly port: number;
  readonly url: string;
  readonly messages: readonly InboxMessage[];
  close(): Promise<void>;
}

const maxBody = 64 * 1024;

export async function startInbox(port: number, title: string): Promise<DemoInbox> {
  const messages: InboxMessage[] = [];
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/hook') {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= maxBody) chunks.push(c);
      });
      req.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          messages.unshift({
            at: Date.now(),
            title: String(body.title ?? ''),
            text: String(body.text ?? ''),
            event: String(body.event ?? ''),
          });
          messages.length = Math.min(messages.length, 200);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        } catch {
          res.writeHead(400).end();
        }
      });
      return;
    }
    if (req.method === 'GET' && req.url === '/messages.json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(messages));
      return;
    }
    if (req.method === 'GET' && (req.url === '/' || req.url?.startsWith('/?'))) {
      const page = html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="5">
<title>${title}</title><style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem;background:#eef1f4}
li{background:#fff;border-radius:6px;padding:.6rem .8rem;margin:.5rem 0;list-style:none}ul{padding:0}.t{color:#666;font-size:.85rem}</style></head>
<body><h1>${title}</h1><p class="t">演示收件箱：代替企业微信群，显示 zoneops 发出的通知（每 5 秒刷新）。</p>
<ul>${messages.map(
        (m) =>
          html`<li><div class="t">${formatLocal(m.at, 'Asia/Shanghai', { seconds: true })} · ${m.event}</div><strong>${m.title}</strong><div>${m.text}</div></li>`,
      )}</ul>${messages.length === 0 ? html`<p>暂无通知。</p>` : ''}</body></html>`;
      res
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        })
        .end(page.value);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}/`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
