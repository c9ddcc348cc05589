import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { identifier, text } from '../../config/fields.js';
import { deviceTypes } from '../../domain/device.js';
import { ServiceError } from '../../domain/errors.js';
import { deviceStatuses } from '../../domain/status.js';
import type { AuditRepo } from '../../store/audit-repo.js';
import type { DevicesRepo } from '../../store/devices-repo.js';
import { type MaintenanceRepo, maintenanceKinds } from '../../store/maintenance-repo.js';
import { principalOf } from '../auth.js';
import type { Guard } from '../guard.js';
import { apiDay, validate } from '../validate.js';

interface DeviceRoutesDeps {
  devices: DevicesRepo;
  maintenance: MaintenanceRepo;
  audit: AuditRepo;
  clock: Clock;
  guard: Guard;
}

const listQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1, { error: 'expected 1..1000' })
    .max(1000, { error: 'expected 1..1000' })
    .default(500),
  cursor: identifier().optional(),
  type: z.enum(deviceTypes).optional(),
  status: z.enum(deviceStatuses).optional(),
  location: text().pipe(z.string().max(200)).optional(),
});

const maintenanceBody = z.strictObject({
  kind: z.enum(maintenanceKinds),
  note: text().pipe(z.string().max(2000)),
  performedBy: text().pipe(z.string().max(200)),
  performedOn: apiDay(),
});

/** The asset register with each device's last known status (no secrets, no addresses), and its maintenance history. */
export function deviceRoutes(deps: DeviceRoutesDeps): Router {
  const r = Router();
  const { guard } = deps;

  // Paged by id (keyset), so a city's 10,000 devices never go out in one piece; Express answers with a
  // weak ETag of the page and 304 when If-None-Match still matches it (RFC 9110 §8.8.3, §13.1.2).
  r.get('/devices', guard('staff'), async (req, res) => {
    const q = validate(listQuery, req.query, 'query');
    const page = await deps.devices.page({ ...q, after: q.cursor });
    res.json({ devices: page.rows, next: page.next });
  });

  r.get('/devices/:id', guard('staff'), async (req, res) => {
    res.json(await deviceOr404(deps.devices, req.params.id as string));
  });

  r.get('/devices/:id/maintenance', guard('staff'), async (req, res) => {
    const device = await deviceOr404(deps.devices, req.params.id as string);
    res.json({ records: await deps.maintenance.listForDevice(device.id) });
  });

  r.post('/devices/:id/maintenance', guard('technician'), async (req, res) => {
    const device = await deviceOr404(deps.devices, req.params.id as string);
    const body = validate(maintenanceBody, req.body, 'body');
    const principal = principalOf(res);
    const now = deps.clock.now();
    const record = await deps.maintenance.add({
      deviceId: device.id,
      kind: body.kind,
      note: body.note,
      performedBy: body.performedBy,
      performedOn: body.performedOn,
      recordedBy: principal?.name ?? 'unknown',
      recordedAt: now,
    });
    await deps.audit.append({
      at: now,
      actor: principal?.name ?? 'unknown',
      role: principal?.role ?? 'unknown',
      action: 'maintenance.record',
      target: `device:${device.id}`,
      remoteAddr: req.ip ?? '',
      detail: { recordId: record.id, kind: record.kind },
    });
    res.status(201).json(record);
  });

  return r;
}

async function deviceOr404(devices: DevicesRepo, id: string) {
  const device = await devices.get(id);
  if (!device) throw new ServiceError('not-found', `no device with id ${JSON.stringify(id.slice(0, 64))}`);
  return device;
}
