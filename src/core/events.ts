import type { DeviceStatusEvent, StatusChangedEvent } from '../domain/device-status.js';
import type { FaultEvent } from '../domain/fault-lifecycle.js';
import type { Observation } from '../domain/observation.js';
import type { Logger } from '../log.js';

/**
 * What happens in the zone, as typed events. The pipeline of one poll:
 * probe → `observation` (raw, and merged over the device's protocols) → status tracker →
 * `device-status` (every observation, with the status it gives) and `status-changed` (falls and
 * recoveries) → faults → `fault-opened` / `fault-changed`. Consumers subscribe; nobody re-reads what
 * another consumer wrote.
 */
interface ZoneEvents {
  /** One probe's reading (`raw`) and the merged view of its device (`merged`, see domain/merge-readings.ts). */
  observation: { readonly raw: Observation; readonly merged: Observation };
  'device-status': DeviceStatusEvent;
  'status-changed': StatusChangedEvent;
  'fault-opened': FaultEvent;
  'fault-changed': FaultEvent;
}

type ZoneEventName = keyof ZoneEvents;
type Handler<K extends ZoneEventName> = (event: ZoneEvents[K]) => void | Promise<void>;

/**
 * A small in-process event bus. `emit` runs the handlers of an event one after another, in the order
 * they subscribed, and resolves when all are done; a handler that throws is logged with the event's
 * device and the others still run: one broken consumer never stops polling.
 */
export function createEventBus(logger: Logger) {
  const handlers = new Map<ZoneEventName, Array<Handler<ZoneEventName>>>();
  return {
    on<K extends ZoneEventName>(name: K, handler: Handler<K>): () => void {
      const list = handlers.get(name) ?? [];
      list.push(handler as Handler<ZoneEventName>);
      handlers.set(name, list);
      return () => {
        const i = list.indexOf(handler as Handler<ZoneEventName>);
        if (i >= 0) list.splice(i, 1);
      };
    },
    async emit<K extends ZoneEventName>(name: K, event: ZoneEvents[K]): Promise<void> {
      for (const h of handlers.get(name) ?? []) {
        try {
          await h(event);
        } catch (err) {
          logger.error({ err, event: name, deviceId: deviceOf(event) }, 'event consumer failed');
        }
      }
    },
  };
}

function deviceOf(event: unknown): string | undefined {
  const e = event as { deviceId?: unknown; raw?: { deviceId?: unknown } };
  const id = e.deviceId ?? e.raw?.deviceId;
  return typeof id === 'string' ? id : undefined;
}

export type EventBus = ReturnType<typeof createEventBus>;
