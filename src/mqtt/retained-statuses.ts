import type { Logger } from '../log.js';

/**
 * zoneops' retained device statuses (`zoneops/<site>/devices/<id>/status`): each kept as last published,
 * sent at once when connected, and all sent again after every reconnect, so the broker's retained copy
 * is never older than zoneops' own view. A failed publish is logged and waits for the next connect.
 */
export function createRetainedStatuses(deps: {
  publish: (topic: string, payload: string) => Promise<void> | undefined;
  connected: () => boolean;
  logger: Logger;
}) {
  const statuses = new Map<string, string>();
  const send = (topic: string, payload: string) =>
    deps
      .publish(topic, payload)
      ?.catch((err: Error) =>
        deps.logger.debug({ topic, err: err.message }, 'status not published; sent again on reconnect'),
      );
  return {
    set(topic: string, payload: string): void {
      statuses.set(topic, payload);
      if (deps.connected()) void send(topic, payload);
    },
    /** After a (re)connect. */
    resendAll(): void {
      for (const [topic, payload] of statuses) void send(topic, payload);
    },
  };
}
