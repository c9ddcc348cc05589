import { Router } from 'express';
import { z } from 'zod';
import type { AuditRepo } from '../../store/audit-repo.js';
import type { Guard } from '../guard.js';
import { validate } from '../validate.js';

const query = z.strictObject({
  from: z.coerce
    .number()
    .int()
    .min(0)
    .max(Date.UTC(2101, 0, 1))
    .optional(),
  to: z.coerce
    .number()
    .int()
    .min(0)
    .max(Date.UTC(2101, 0, 1))
    .optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

/** The audit trail, for the admin (times in epoch milliseconds). */
export function auditRoutes(deps: { audit: AuditRepo; guard: Guard }): Router {
  const r = Router();
  r.get('/audit', deps.guard('admin'), async (req, res) => {
    const q = validate(query, req.query, 'query');
    const filter: { from?: number; to?: number; limit?: number } = {};
    if (q.from !== undefined) filter.from = q.from;
    if (q.to !== undefined) filter.to = q.to;
    if (q.limit !== undefined) filter.limit = q.limit;
    res.json({ entries: await deps.audit.list(filter) });
  });
  return r;
}
