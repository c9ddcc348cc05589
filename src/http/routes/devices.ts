import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { isoDate, text } from '../../config/fields.js';
import { ServiceError } from '../../domain/errors.js';
import type { AuditRepo } from '../../store/audit-repo.js';
import type { DevicesRepo } from '../../store/devices-repo.js';
import { type MaintenanceRepo, maintenanceKinds } from '../../store/maintenance-repo.js';
import { principalOf } from '../auth.js';
import type { Guard } from '../guard.js';
import { validate } from '../validate.js';

interface DeviceRoutesDeps {
  devices: DevicesRepo;
  maintenance: MaintenanceRepo;
  audit: AuditRepo;
  clock: Clock;
  guard: Guard;
}

const maintenanceBody = z.strictObject({
  kind: z.enum(maintenanceKinds),
  note: text().pipe(z.string().max(2000)),
  performedBy: text().pipe(z.string().max(200)),
  performedOn: isoDate(),
});

/** The asset register with each device's last known status (no secrets, no addresses), and its maintenance history. */
export function deviceRoutes(deps: DeviceRoutesDeps): Router {
  const r = Router();
  const { guard } = deps;

  r.get('/devices', guard('staff'), async (_req, res) => {
    res.json({ devices: await deps.devices.list() });
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
