import type { Logger } from '../log.js';

/**
 * One running part of the daemon (a feature, the store, the HTTP server). Constructing it does nothing;
 * `start()` brings it up and `stop()` takes it down again, waiting for its work in flight.
 */
export interface Component {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts components in the order given and stops them in reverse, like zigbee2mqtt's controller with
 * its extensions. A component that fails to start stops the ones already started, then the error goes
 * on to the caller; one that fails to stop is logged and the others still stop.
 */
export function createLifecycle(logger: Logger) {
  const started: Component[] = [];
  return {
    async start(components: readonly Component[]): Promise<void> {
      for (const c of components) {
        try {
          await c.start();
        } catch (err) {
          logger.error({ err, component: c.name }, 'could not start');
          await this.stop();
          throw err;
        }
        started.push(c);
      }
    },
    async stop(): Promise<void> {
      while (started.length > 0) {
        const c = started.pop() as Component;
        try {
          await c.stop();
        } catch (err) {
          logger.error({ err, component: c.name }, 'error while stopping');
        }
      }
    },
  };
}
