import type { Cancel, Clock } from '../clock.js';
import type { DeviceConfig } from '../config/schema.js';
import type { PowerAction, PowerSwitch, SwitchResult } from '../domain/power-switch.js';
import type { DeviceRoute } from './dialects/route.js';
import type { MqttCommand, PowerUpdate } from './dialects/types.js';

/** Hands a command to the MQTT link: sent at once when connected, else when it reconnects. */
export interface CommandOutbox {
  /** `onDispatch` runs when the command is handed to the broker connection. */
  enqueue(cmd: MqttCommand, onDispatch: () => void): { cancel(): boolean };
}

interface MqttPowerSwitch extends PowerSwitch {
  /** The link calls this for every decoded message, so waiting commands see the device's answer. */
  observe(deviceId: string, update: PowerUpdate): void;
  /** Fails every waiting command (zoneops is stopping). */
  close(): void;
}

interface Waiter {
  readonly target: string;
  readonly action: PowerAction;
  readonly agent: boolean;
  dispatched: boolean;
  withdraw(): boolean;
  settle(result: SwitchResult): void;
}

/**
 * Power commands over MQTT. A device with `power.method: plug` is switched through its plug; a
 * plug is switched directly; an agent PC gets a shutdown command for `off`. The promise resolves
 * only when the device's own state confirms it (the plug's relay, the agent going offline), or
 * when the time is up. A command that could not be handed to the broker before then is withdrawn
 * and reported `not-connected`: it is never sent later and never silently dropped.
 */
export function createMqttPowerSwitch(deps: {
  devices: readonly DeviceConfig[];
  routes: ReadonlyMap<string, DeviceRoute>;
  clock: Clock;
  outbox: CommandOutbox;
  defaultTimeoutMs: number;
  /**
   * The plug's/agent's current state. A Shelly publishes its relay only on change, so a command
   * that asks for the state it is already in is confirmed by that state once the command is sent.
   */
  stateOf?: (
    deviceId: string,
  ) => { online: boolean | null; relay: 'on' | 'off' | null; overload?: boolean } | undefined;
}): MqttPowerSwitch {
  const byId = new Map(deps.devices.map((d) => [d.id, d]));
  const waiters = new Set<Waiter>();
  let seq = 0;

  const targetOf = (deviceId: string): DeviceRoute | string => {
    const device = byId.get(deviceId);
    if (!device) return `unknown device "${deviceId}"`;
    const own = deps.routes.get(deviceId);
    // A PC with an agent is always asked itself (soft shutdown); its plug is cut only by an explicit
    // switch(plugId) from the reconciler, after the PC is confirmed off.
    if (own?.family === 'agent') return own;
    if (device.power.method === 'plug') {
      const plug = deps.routes.get(device.power.plug);
      return plug ?? `plug "${device.power.plug}" of "${deviceId}" has no usable mqtt section`;
    }
    if (own) return own;
    return `"${deviceId}" is switched by power.method ${device.power.method}, not over MQTT`;
  };

  return {
    switch(deviceId, action, opts = {}) {
      const route = targetOf(deviceId);
      if (typeof route === 'string') {
        return Promise.resolve({ ok: false, reason: 'unsupported', message: route });
      }
      // A plug whose own protection cut the power for an overload stays off until someone has checked the
      // device and switched it on by hand (Shelly relay "overpower"); zoneops never restores that power.
      if (action === 'on' && route.family !== 'agent' && deps.stateOf?.(route.deviceId)?.overload) {
        return Promise.resolve({
          ok: false,
          reason: 'rejected',
          message: `plug "${route.deviceId}" cut the power for an overload: check the device, then switch it on at the plug`,
        });
      }
      const cmd = route.command(action, ++seq);
      if ('unsupported' in cmd) {
        return Promise.resolve({ ok: false, reason: 'unsupported', message: cmd.unsupported });
      }
      const timeoutMs = opts.timeoutMs ?? deps.defaultTimeoutMs;
      const via = route.deviceId === deviceId ? '' : ` via plug "${route.deviceId}"`;
      return new Promise<SwitchResult>((resolve) => {
        let cancelTimer: Cancel = () => {};
        const waiter: Waiter = {
          target: route.deviceId,
          action,
          agent: route.family === 'agent',
          dispatched: false,
          withdraw: () => false,
          settle(result) {
            if (!waiters.delete(waiter)) return;
            cancelTimer();
            resolve(result);
          },
        };
        waiters.add(waiter);
        cancelTimer = deps.clock.setTimeout(() => {
          const withdrawn = waiter.withdraw();
          const secs = Math.round(timeoutMs / 1000);
          if (withdrawn || !waiter.dispatched) {
            waiter.settle({
              ok: false,
              reason: 'not-connected',
              message: `MQTT broker not reachable for ${secs} s: command ${cmd.topic} for "${deviceId}"${via} was not sent and will not be sent later`,
            });
            return;
          }
          const online = deps.stateOf?.(route.deviceId)?.online;
          const note = online === false ? ' (it last reported offline)' : '';
          const want = waiter.agent ? 'go offline after shutdown' : `report relay ${action}`;
          waiter.settle({
            ok: false,
            reason: 'timeout',
            message: `"${route.deviceId}"${note} did not ${want} within ${secs} s of the command`,
          });
        }, timeoutMs);
        const handle = deps.outbox.enqueue(cmd, () => {
          waiter.dispatched = true;
          const now = deps.stateOf?.(route.deviceId);
          const already = waiter.agent ? now?.online === false : now?.online === true && now.relay === action;
          if (already) waiter.settle({ ok: true, confirmedAt: deps.clock.now() });
        });
        waiter.withdraw = () => handle.cancel();
      });
    },
    observe(deviceId, update) {
      for (const w of [...waiters]) {
        if (w.target !== deviceId || !w.dispatched) continue;
        const confirmed = w.agent ? update.online === false : update.relay === w.action;
        if (confirmed) w.settle({ ok: true, confirmedAt: deps.clock.now() });
      }
    },
    close() {
      for (const w of [...waiters]) {
        const withdrawn = w.withdraw();
        const what = withdrawn || !w.dispatched ? 'the command was not sent' : 'no confirmation yet';
        w.settle({ ok: false, reason: 'not-connected', message: `zoneops is stopping (${what})` });
      }
    },
  };
}
