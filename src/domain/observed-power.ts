import type { Observation } from './observation.js';

/**
 * What zoneops can tell about a device's power from the latest observations of the device and of the
 * plug feeding it. Pure. `on` is null when nothing fresh tells either way; the reconciler never cuts
 * power on a guess.
 */
export interface ObservedPower {
  readonly on: boolean | null;
  /** The device's own MQTT agent is connected (null: no agent reading). */
  readonly agentOnline: boolean | null;
  readonly plugRelay: 'on' | 'off' | null;
  /** The plug's power reading is above the device's on-threshold (null: unknown). */
  readonly plugDeviceOn: boolean | null;
  /** Printing interlock: busy while printing or with queued jobs; unknown when no printer reading. */
  readonly printer: {
    readonly state: 'busy' | 'idle' | 'unknown';
    readonly printing: boolean;
    readonly queued: number;
    /** For the log and the power_actions record (not shown to people). */
    readonly detail: string;
  };
}

export function observePower(
  device: readonly Observation[],
  plug: readonly Observation[],
  now: number,
  staleMs: number,
): ObservedPower {
  const fresh = (o: Observation) => now - o.at <= staleMs;
  const own = device.filter(fresh);
  const plugObs = plug.filter(fresh);
  // An agent that said "offline" stays offline until it says otherwise (its last will is retained by the
  // broker and it sends nothing more), so that reading holds however old it is; "online" must be fresh.
  const lastAgent = device.find((o) => o.source === 'mqtt' && o.power !== undefined)?.power;
  const agent =
    lastAgent && (lastAgent.online === false || own.some((o) => o.power === lastAgent))
      ? lastAgent
      : undefined;
  const agentOnline = agent ? agent.online : null;
  const plugPower = plugObs.find((o) => o.power !== undefined)?.power;
  const plugRelay = plugPower?.online ? plugPower.relay : null;
  const plugDeviceOn = plugPower?.online ? plugPower.deviceOn : null;
  const answering = own.some((o) => o.source !== 'mqtt' && o.reachable);
  const silent = own.some((o) => o.source !== 'mqtt' && !o.reachable);

  let on: boolean | null = null;
  if (answering || agentOnline === true || plugDeviceOn === true) on = true;
  else if (silent || agentOnline === false || plugDeviceOn === false || plugRelay === 'off') on = false;

  const reading = own.find((o) => o.reachable && o.printer !== undefined)?.printer;
  let printer: ObservedPower['printer'] = {
    state: 'unknown',
    printing: false,
    queued: 0,
    detail: 'no printer reading',
  };
  if (reading) {
    const queued = reading.queuedJobs ?? 0;
    const printing = reading.status === 'printing';
    if (printing || queued > 0) {
      printer = {
        state: 'busy',
        printing,
        queued,
        detail: printing ? `printing, ${queued} job(s) queued` : `${queued} job(s) queued`,
      };
    } else printer = { state: 'idle', printing: false, queued: 0, detail: reading.status };
  }
  return { on, agentOnline, plugRelay, plugDeviceOn, printer };
}
