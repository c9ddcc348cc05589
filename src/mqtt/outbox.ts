import type { MqttCommand } from './dialects/types.js';
import type { CommandOutbox } from './power-switch.js';

/**
 * Commands wait here while the broker is unreachable and are handed over exactly once when it
 * is back (in order). Whoever enqueued a command can withdraw it until then; after that, QoS 1
 * and the connection's kept packet store carry it.
 */
export function createOutbox(deps: {
  isConnected: () => boolean;
  publish: (cmd: MqttCommand) => void;
}): CommandOutbox & { flush(): void; readonly size: number } {
  const queue: Array<{ cmd: MqttCommand; onDispatch: () => void }> = [];
  const dispatch = (e: { cmd: MqttCommand; onDispatch: () => void }) => {
    deps.publish(e.cmd);
    e.onDispatch();
  };
  return {
    get size() {
      return queue.length;
    },
    enqueue(cmd, onDispatch) {
      const entry = { cmd, onDispatch };
      if (queue.length === 0 && deps.isConnected()) {
        dispatch(entry);
        return { cancel: () => false };
      }
      queue.push(entry);
      return {
        cancel() {
          const i = queue.indexOf(entry);
          if (i < 0) return false;
          queue.splice(i, 1);
          return true;
        },
      };
    },
    flush() {
      while (queue.length > 0 && deps.isConnected()) {
        const entry = queue.shift();
        if (entry) dispatch(entry);
      }
    },
  };
}
