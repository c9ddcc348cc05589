import { type RequestHandler, Router } from 'express';
import type { WebContext } from '../context.js';
import { labelledTypes, type QrLabel, qrBody, qrStyle } from '../pages/qr.js';
import { realDevices } from '../view-data.js';

/**
 * The printable QR sheet (`/qr`), whose codes are made only from `http.publicUrl`: the whole zone's
 * satisfaction code first, then per device the public touch (report a problem, rate the service), then
 * the hygiene targets. The public `/report` and `/satisfaction` pages are public-routes.ts (issue 18).
 */
export function publicPages(ctx: WebContext, requireUser: RequestHandler): Router {
  const { deps } = ctx;
  const r = Router();
  r.get('/qr', requireUser, async (_req, res) => {
    const s = ctx.t(res);
    const devices = (await realDevices(deps)).filter((d) => labelledTypes.has(d.type));
    const labels: QrLabel[] = [
      { name: deps.siteName, kind: 'rate', id: '' },
      ...devices.flatMap((d) => [
        { name: d.name, kind: 'report' as const, id: d.id },
        { name: d.name, kind: 'rate' as const, id: d.id },
      ]),
      ...deps.hygiene.plan.targets.map((t) => ({ name: t.name, kind: 'hygiene' as const, id: t.id })),
    ];
    ctx.send(res, 200, s.qrSheet, await qrBody(labels, deps.publicUrl, deps.siteName, s), qrStyle);
  });
  return r;
}
