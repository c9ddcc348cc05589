import { z } from 'zod';
import { type Condition, conditionSeverity, knownConditions, severities } from '../../domain/conditions.js';
import { payloadObject } from './payload.js';
import { bad, type Decoded, type DeviceTopics, type PowerUpdate, update } from './types.js';

/**
 * Generic JSON telemetry for custom agents on `zoneops/<site>/devices/<id>/telemetry`.
 * This zod schema is the single definition; `telemetry.schema.json` is generated from it with
 * `npx tsx -e "import('./src/mqtt/dialects/generic.ts').then(m=>console.log(JSON.stringify(m.telemetryJsonSchema(),null,2)))"`
 * and a unit test fails when the two drift apart.
 */
const telemetrySchema = z
  .object({
    online: z.boolean().optional().describe('the agent or plug is connected (default: true)'),
    relay: z.enum(['on', 'off']).nullable().optional().describe('the relay state of a plug'),
    watts: z.number().min(0).max(1_000_000).nullable().optional().describe('power draw in W'),
    energyKWh: z.number().min(0).nullable().optional().describe('lifetime energy in kWh'),
    deviceOn: z
      .boolean()
      .nullable()
      .optional()
      .describe('whether the device itself is on (otherwise derived from watts)'),
    conditions: z
      .array(
        z.strictObject({
          name: z.union([z.enum(knownConditions), z.string().regex(/^mqtt:[a-z0-9][a-z0-9._-]{0,62}$/)]),
          severity: z.enum(severities).optional(),
          detail: z.string().max(200).optional(),
        }),
      )
      .max(32)
      .optional()
      .describe('active conditions; an empty list clears them'),
  })
  .describe('zoneops generic device telemetry');

type Telemetry = z.infer<typeof telemetrySchema>;

export function telemetryTopic(site: string, deviceId: string): string {
  return `zoneops/${site}/devices/${deviceId}/telemetry`;
}

/** A custom agent publishes only its telemetry (the documented topic, or its own `mqtt.topic`); it takes no commands. */
export function telemetryTopics(site: string, deviceId: string, topic: string): DeviceTopics {
  return { publish: [...new Set([telemetryTopic(site, deviceId), topic])], subscribe: [] };
}

/** Decodes a telemetry message; the topic has already been matched to the device. */
export function decodeTelemetry(payload: Uint8Array): Decoded {
  const parsed = payloadObject(payload);
  if (!parsed.ok) return parsed.bad;
  const result = telemetrySchema.safeParse(parsed.value);
  if (!result.success) {
    const issue = result.error.issues[0];
    return bad('wrong-type', `${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`);
  }
  const t = result.data;
  // A live telemetry message is itself proof the sender is online, unless it says otherwise.
  const out: {
    -readonly [K in keyof PowerUpdate]: PowerUpdate[K];
  } = { online: t.online ?? true };
  if (t.relay != null) out.relay = t.relay;
  if (t.watts != null) out.watts = t.watts;
  if (t.energyKWh != null) out.energyKWh = t.energyKWh;
  if (t.deviceOn != null) out.deviceOn = t.deviceOn;
  if (t.conditions !== undefined) out.conditions = t.conditions.map(toCondition);
  return update(out);
}

function toCondition(c: NonNullable<Telemetry['conditions']>[number]): Condition {
  const known = (knownConditions as readonly string[]).includes(c.name);
  const severity =
    c.severity ?? (known ? conditionSeverity[c.name as keyof typeof conditionSeverity] : 'warning');
  const name = c.name as Condition['name'];
  return c.detail === undefined ? { name, severity } : { name, severity, detail: c.detail };
}

/** The published JSON Schema (telemetry.schema.json holds exactly this; a unit test checks it). */
export function telemetryJsonSchema(): Record<string, unknown> {
  return {
    $id: 'zoneops/telemetry.schema.json',
    title: 'zoneops device telemetry (MQTT zoneops/<site>/devices/<id>/telemetry)',
    ...z.toJSONSchema(telemetrySchema),
  };
}
