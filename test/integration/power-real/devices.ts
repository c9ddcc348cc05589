import mqtt, { type MqttClient } from 'mqtt';
import type { Clock } from '../../../src/clock.js';
import type { Daemon } from './daemon.js';

/**
 * Simulated zone devices as small MQTT clients, behaving as the documented devices do:
 * - a Tasmota power-metering plug (../shared/fixtures/mqtt/tasmota.md): retained `tele/<t>/LWT`
 *   Online/Offline, `cmnd/<t>/POWER ON|OFF|TOGGLE` answered by `stat/<t>/RESULT {"POWER":"ON"}` and
 *   `stat/<t>/POWER ON`, and `tele/<t>/STATE` + `tele/<t>/SENSOR` (ENERGY.Power in W) every
 *   TelePeriod (300 s on a real plug, shortened here);
 * - a HASS.Agent PC agent (../shared/fixtures/mqtt/hass-agent.md): availability
 *   `homeassistant/sensor/<name>/availability` online/offline (retained; offline is also its last
 *   will), sensor states `homeassistant/sensor/<name>/<sensor>/state`, and its shutdown command as
 *   HASS.Agent creates it by default, a Switch `homeassistant/switch/<name>/shutdown/set`, announced
 *   in a retained discovery config `homeassistant/switch/<name>/shutdown/config` (HASS.Agent
 *   CustomCommand.cs / MqttManager.cs). It runs the command for a payload containing "on", or
 *   "press" (MqttManager.cs HandleCommandReceived, which lowercases it).
 * Nothing here looks at zoneops' code: they only answer what arrives on the broker.
 */

const connect = (url: string, opts: mqtt.IClientOptions = {}) =>
  mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000, ...opts });

type Relay = 'on' | 'off';

export interface TasmotaPlug {
  readonly topic: string;
  readonly relay: Relay;
  /** The watts it reports now (0 with the relay off). */
  watts(): number;
  /** Commands received on cmnd/<t>/POWER, in order. */
  readonly commands: string[];
  /** Publishes STATE and SENSOR at once (as Tasmota does after a power change with PowerDelta set). */
  tele(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTasmotaPlug(opts: {
  url: string;
  topic: string;
  clock: Clock;
  relay: Relay;
  /** What the device behind it draws while the relay is on. */
  load: () => number;
  /** Runs after the relay changed (the device behind it loses or gets power). */
  onRelay?: (relay: Relay) => void;
  telePeriodMs?: number;
}): Promise<TasmotaPlug> {
  const t = opts.topic;
  const c: MqttClient = await connect(opts.url, {
    clientId: `DVES_${t}`,
    will: { topic: `tele/${t}/LWT`, payload: Buffer.from('Offline'), retain: true, qos: 1 },
  });
  let relay = opts.relay;
  let kwh = 12.345;
  const commands: string[] = [];
  const watts = () => (relay === 'on' ? opts.load() : 0);
  const time = () => new Date(opts.clock.now() + 8 * 3_600_000).toISOString().slice(0, 19);
  const word = () => (relay === 'on' ? 'ON' : 'OFF');
  const tele = async () => {
    if (!c.connected) return;
    const w = watts();
    kwh += w / 1000 / 3600;
    await Promise.all([
      c.publishAsync(
        `tele/${t}/STATE`,
        JSON.stringify({ Time: time(), Uptime: '0T01:00:00', UptimeSec: 3600, POWER: word() }),
      ),
      c.publishAsync(
        `tele/${t}/SENSOR`,
        JSON.stringify({
          Time: time(),
          ENERGY: {
            TotalStartTime: '2026-01-01T00:00:00',
            Total: Number(kwh.toFixed(3)),
            Yesterday: 0.5,
            Today: 0.2,
            Power: w,
            Voltage: 226,
            Current: Number((w / 226).toFixed(3)),
          },
        }),
      ),
    ]);
  };
  c.on('message', (topic, payload) => {
    if (topic.toUpperCase() !== `CMND/${t.toUpperCase()}/POWER`) return;
    const cmd = payload.toString().trim().toUpperCase();
    // An empty POWER is zoneops' state query on connect, not a command.
    if (cmd !== '') commands.push(cmd);
    const before = relay;
    if (cmd === 'ON' || cmd === '1') relay = 'on';
    else if (cmd === 'OFF' || cmd === '0') relay = 'off';
    else if (cmd === 'TOGGLE' || cmd === '2') relay = relay === 'on' ? 'off' : 'on';
    // An empty payload is a status query: answered the same way, the relay unchanged.
    void c.publishAsync(`stat/${t}/RESULT`, JSON.stringify({ POWER: word() }));
    void c.publishAsync(`stat/${t}/POWER`, word());
    if (relay !== before) opts.onRelay?.(relay);
    void tele().catch(() => undefined);
  });
  await c.subscribeAsync(`cmnd/${t}/POWER`, { qos: 1 });
  await c.publishAsync(`tele/${t}/LWT`, 'Online', { retain: true, qos: 1 });
  await tele();
  const timer = setInterval(() => void tele().catch(() => undefined), opts.telePeriodMs ?? 400);
  return {
    topic: t,
    get relay() {
      return relay;
    },
    watts,
    commands,
    tele,
    async stop() {
      clearInterval(timer);
      await c.endAsync();
    },
  };
}

export interface PcAgent {
  readonly name: string;
  readonly online: boolean;
  /** Shutdown button presses received. */
  readonly shutdownRequests: number;
  /** The PC has power and boots: the agent connects and says online. */
  boot(): Promise<void>;
  /** The PC loses power while running: the connection just drops, the broker sends the last will. */
  powerLost(): void;
  stop(): Promise<void>;
}

/**
 * A HASS.Agent on a PC. On a shutdown press it says `offline` and disconnects after `shutdownMs`
 * (Windows shutting down), and then calls `onShutdown` — unless `refuseShutdown` (someone at the PC
 * cancels the shutdown: the agent keeps running and keeps reporting).
 */
export function pcAgent(opts: {
  url: string;
  name: string;
  refuseShutdown?: boolean;
  shutdownMs?: number;
  sensorPeriodMs?: number;
  onShutdown?: () => void;
  /** The entity type the user picked for the command (HASS.Agent's default: switch). */
  entity?: 'switch' | 'button';
  /** Publish the discovery config (HASS.Agent does when MQTT discovery is on, its default). */
  announce?: boolean;
}): PcAgent {
  const n = opts.name;
  const availability = `homeassistant/sensor/${n}/availability`;
  const entity = opts.entity ?? 'switch';
  const shutdownTopic = `homeassistant/${entity}/${n}/shutdown/set`;
  const discovery = {
    topic: `homeassistant/${entity}/${n}/shutdown/config`,
    payload: JSON.stringify({
      availability_topic: availability,
      command_topic: shutdownTopic,
      action_topic: `homeassistant/${entity}/${n}/shutdown/action`,
      state_topic: `homeassistant/${entity}/${n}/shutdown/state`,
      device: { identifiers: `hass.agent-${n}`, manufacturer: 'HASS.Agent Team', name: n },
      name: 'shutdown',
      unique_id: `shutdown-${n}`,
    }),
  };
  let client: MqttClient | undefined;
  let timer: NodeJS.Timeout | undefined;
  let requests = 0;
  let online = false;
  const halt = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    online = false;
  };
  return {
    name: n,
    get online() {
      return online;
    },
    get shutdownRequests() {
      return requests;
    },
    async boot() {
      if (online) return;
      const c = await connect(opts.url, {
        clientId: `hass-agent-${n}`,
        will: { topic: availability, payload: Buffer.from('offline'), retain: true, qos: 1 },
      });
      client = c;
      c.on('message', (topic, payload) => {
        if (topic !== shutdownTopic) return;
        const word = payload.toString().toLowerCase();
        if (!word.includes('on') && word !== 'press') return;
        requests++;
        if (opts.refuseShutdown) return;
        setTimeout(() => {
          halt();
          // HASS.Agent says offline on a clean stop too (hass-agent.md: "last will, also on clean stop").
          void c
            .publishAsync(availability, 'offline', { retain: true, qos: 1 })
            .then(() => c.endAsync())
            .finally(() => opts.onShutdown?.());
        }, opts.shutdownMs ?? 300);
      });
      await c.subscribeAsync(shutdownTopic, { qos: 1 });
      if (opts.announce ?? true)
        await c.publishAsync(discovery.topic, discovery.payload, { retain: true, qos: 1 });
      await c.publishAsync(availability, 'online', { retain: true, qos: 1 });
      online = true;
      let load = 7;
      timer = setInterval(() => {
        load = (load * 7 + 3) % 40;
        c.publish(`homeassistant/sensor/${n}/cpu_load/state`, String(load));
      }, opts.sensorPeriodMs ?? 400);
    },
    powerLost() {
      halt();
      client?.stream.destroy();
      client?.end(true);
    },
    async stop() {
      halt();
      await client?.endAsync(true).catch(() => undefined);
    },
  };
}

/** Leaves the retained `offline` a PC's agent left behind when it was last shut down. */
export async function agentWasOffline(url: string, name: string): Promise<void> {
  const c = await connect(url);
  await c.publishAsync(`homeassistant/sensor/${name}/availability`, 'offline', { retain: true, qos: 1 });
  await c.endAsync();
}

/**
 * A PC fed by a plug, with an agent: it boots when the plug gives it power (BIOS "power on after AC
 * loss"), draws `runningWatts` while Windows runs and `standbyWatts` once shut down. `holdPower`
 * keeps it drawing full power after the agent went offline (a slow shutdown) until `releasePower()`.
 */
export function plugFedPc(opts: {
  url: string;
  agentName: string;
  runningWatts?: number;
  standbyWatts?: number;
  refuseShutdown?: boolean;
  holdPower?: boolean;
  running?: boolean;
  entity?: 'switch' | 'button';
}) {
  let drawing = opts.running ?? false;
  let held = opts.holdPower ?? false;
  let shutdownAt: number | null = null;
  const agent = pcAgent({
    url: opts.url,
    name: opts.agentName,
    ...(opts.refuseShutdown !== undefined ? { refuseShutdown: opts.refuseShutdown } : {}),
    ...(opts.entity ? { entity: opts.entity } : {}),
    onShutdown: () => {
      shutdownAt = Date.now();
      if (!held) drawing = false;
    },
  });
  return {
    agent,
    /** Real time at which the agent finished its shutdown (said offline), null before. */
    get shutdownAt() {
      return shutdownAt;
    },
    load: () => (drawing ? (opts.runningWatts ?? 65) : (opts.standbyWatts ?? 2)),
    onRelay(relay: Relay) {
      if (relay === 'on') {
        drawing = true;
        setTimeout(() => void agent.boot().catch(() => undefined), 200);
      } else {
        drawing = false;
        if (agent.online) agent.powerLost();
      }
    },
    releasePower() {
      held = false;
      if (!agent.online) drawing = false;
    },
  };
}

export interface Published {
  readonly topic: string;
  readonly payload: string;
  /** Delivered as a retained message (published before the observer subscribed). */
  readonly retained: boolean;
  /** The zone clock's time when the observer saw it. */
  readonly at: number;
  /** Real time (Date.now()) when the observer saw it. */
  readonly real: number;
}

/** A separate client subscribed to everything: the broker's own record of what was published, in order. */
export async function startObserver(url: string, clock: Clock) {
  const c = await connect(url, {
    clientId: `observer-${process.pid}-${Math.random().toString(36).slice(2)}`,
  });
  const log: Published[] = [];
  c.on('message', (topic, payload, packet) => {
    log.push({
      topic,
      payload: payload.toString(),
      retained: packet.retain,
      at: clock.now(),
      real: Date.now(),
    });
  });
  await c.subscribeAsync('#', { qos: 1 });
  return {
    log,
    /** Power commands: Tasmota cmnd/…/POWER and agent buttons …/set (never retained; state queries left out). */
    commands(): Published[] {
      return log.filter(
        (m) => !m.retained && ((m.topic.startsWith('cmnd/') && m.payload !== '') || m.topic.endsWith('/set')),
      );
    },

    stop: () => c.endAsync(),
  };
}

/**
 * Waits until every topic has been published again after this call (the simulated devices report every
 * few hundred ms), plus a moment for zoneops to take it in. Used after the clock jumps, so the daemon
 * decides on readings taken "now" — as it would with the time passing for real.
 */
export async function freshReadings(
  observer: { log: readonly Published[] },
  topics: readonly string[],
  daemon?: Daemon,
  timeoutMs = 5000,
): Promise<void> {
  const mark = Date.now();
  const markClock = daemon?.app.zone?.clock.now() ?? 0;
  const deadline = mark + timeoutMs;
  const seen = () => topics.every((t) => observer.log.some((m) => m.topic === t && m.real > mark));
  // The daemon has taken them in: each device of these topics has an MQTT observation since the mark.
  const zone = daemon?.app.zone;
  const ids = (zone?.config.devices ?? [])
    .filter((d) => d.mqtt && topics.some((t) => t.split('/').includes(d.mqtt?.topic ?? '')))
    .map((d) => d.id);
  const taken = () =>
    ids.every((id) => zone?.hub.latestOf(id).some((o) => o.source === 'mqtt' && o.at >= markClock));
  while (!seen() || !taken()) {
    if (Date.now() > deadline)
      throw new Error(`no fresh message on ${topics.join(', ')} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  await zone?.tracker.idle();
}

export interface ShellyGen2Plug {
  readonly prefix: string;
  readonly output: boolean;
  /** RPC requests received (method names), in order. */
  readonly requests: string[];
  stop(): Promise<void>;
}

/**
 * A Shelly Plus Plug S with factory MQTT settings (../shared/fixtures/mqtt/shelly.md "Additions"):
 * status_ntf off — it never publishes `<prefix>/status/switch:0` —, rpc_ntf on, so changes go out as
 * NotifyStatus on `<prefix>/events/rpc`; it answers RPC frames on `<prefix>/rpc` on `<src>/rpc` with
 * `{"id","src","dst","result"}`; `<prefix>/online` true (retained) and false as its last will. Switch
 * status fields per the Gen2 Switch page (output, apower W, aenergy.total Wh).
 */
export async function startShellyGen2Plug(opts: {
  url: string;
  prefix: string;
  output: boolean;
  load: () => number;
  energyWh: number;
}): Promise<ShellyGen2Plug> {
  const p = opts.prefix;
  const c: MqttClient = await connect(opts.url, {
    clientId: p,
    will: { topic: `${p}/online`, payload: Buffer.from('false'), retain: true, qos: 1 },
  });
  let output = opts.output;
  const requests: string[] = [];
  const status = () => ({
    id: 0,
    source: 'init',
    output,
    apower: output ? opts.load() : 0,
    voltage: 229.4,
    current: output ? Number((opts.load() / 229.4).toFixed(3)) : 0,
    aenergy: { total: opts.energyWh, by_minute: [0, 0, 0], minute_ts: Math.floor(Date.now() / 1000) },
    temperature: { tC: 31.2, tF: 88.2 },
  });
  c.on('message', (topic, payload) => {
    if (topic !== `${p}/rpc`) return;
    let frame: { id?: unknown; src?: unknown; method?: unknown; params?: { on?: unknown } };
    try {
      frame = JSON.parse(payload.toString()) as typeof frame;
    } catch {
      return;
    }
    if (typeof frame.src !== 'string' || typeof frame.method !== 'string') return;
    requests.push(frame.method);
    const answer = (result: unknown) =>
      void c.publishAsync(
        `${frame.src}/rpc`,
        JSON.stringify({ id: frame.id, src: p, dst: frame.src, result }),
      );
    if (frame.method === 'Switch.GetStatus') answer(status());
    else if (frame.method === 'Switch.Set') {
      const was = output;
      output = frame.params?.on === true;
      answer({ was_on: was });
      if (was !== output) {
        const delta = { id: 0, output, apower: output ? opts.load() : 0, source: 'mqtt' };
        void c.publishAsync(
          `${p}/events/rpc`,
          JSON.stringify({
            src: p,
            dst: `${p}/events`,
            method: 'NotifyStatus',
            params: { ts: Date.now() / 1000, 'switch:0': delta },
          }),
        );
      }
    }
  });
  await c.subscribeAsync(`${p}/rpc`, { qos: 1 });
  await c.publishAsync(`${p}/online`, 'true', { retain: true, qos: 1 });
  return {
    prefix: p,
    get output() {
      return output;
    },
    requests,
    stop: () => c.endAsync(),
  };
}
