import { connect, type MqttClient } from 'mqtt';

/**
 * Simulated MQTT devices: Tasmota-style smart plugs (tele/<t>/LWT, tele/<t>/SENSOR, stat/<t>/POWER,
 * obeying cmnd/<t>/POWER) and a HASS.Agent-style PC agent (availability + a sensor). Our own payloads,
 * in the shape those firmwares publish.
 */
interface SimPlug {
  readonly topic: string;
  /** What the device behind the plug draws when the relay is on. */
  setLoad(watts: number): void;
  setRelay(on: boolean): void;
  readonly relay: boolean;
}

interface SimAgent {
  readonly topic: string;
  setOnline(online: boolean): void;
}

/** A simulated device's own MQTT credential (the broker refuses anonymous clients). */
export interface SimLogin {
  readonly username: string;
  readonly password: string;
}

export interface MqttSim {
  plug(topic: string, opts: { relay: boolean; loadWatts: number }, login: SimLogin): SimPlug;
  agent(topic: string, online: boolean, login: SimLogin): SimAgent;
  close(): Promise<void>;
}

export async function startMqttSim(url: string, intervalMs: number): Promise<MqttSim> {
  const clients: MqttClient[] = [];
  const timers: NodeJS.Timeout[] = [];
  const open = (id: string, will: { topic: string; payload: string }, login: SimLogin) =>
    new Promise<MqttClient>((resolve, reject) => {
      const c = connect(url, {
        clientId: id,
        username: login.username,
        password: login.password,
        will: { ...will, qos: 1, retain: true },
        reconnectPeriod: 1000,
        connectTimeout: 5000,
      });
      c.once('connect', () => resolve(c));
      c.once('error', reject);
      clients.push(c);
    });

  const every = (fn: () => void) => {
    fn();
    const t = setInterval(fn, intervalMs);
    t.unref();
    timers.push(t);
  };

  return {
    plug(topic, opts, login) {
      let relay = opts.relay;
      let load = opts.loadWatts;
      let total = 12.345;
      let client: MqttClient | undefined;
      const publishState = () => {
        if (!client) return;
        const watts = relay ? load : 0;
        total += watts / 3_600_000;
        client.publish(`stat/${topic}/POWER`, relay ? 'ON' : 'OFF', { retain: true });
        client.publish(
          `tele/${topic}/SENSOR`,
          JSON.stringify({
            Time: new Date().toISOString().slice(0, 19),
            ENERGY: {
              Total: Number(total.toFixed(3)),
              Power: watts,
              Voltage: relay ? 221 : 0,
              Current: relay ? Number((watts / 221).toFixed(3)) : 0,
            },
          }),
        );
      };
      void open(`demo-plug-${topic}`, { topic: `tele/${topic}/LWT`, payload: 'Offline' }, login).then((c) => {
        client = c;
        c.publish(`tele/${topic}/LWT`, 'Online', { retain: true, qos: 1 });
        c.subscribe(`cmnd/${topic}/POWER`);
        c.on('message', (_t, payload) => {
          const cmd = payload.toString().trim().toUpperCase();
          if (cmd === 'ON' || cmd === '1') relay = true;
          else if (cmd === 'OFF' || cmd === '0') relay = false;
          else if (cmd === 'TOGGLE') relay = !relay;
          publishState();
        });
        every(publishState);
      });
      return {
        topic,
        get relay() {
          return relay;
        },
        setLoad(w) {
          load = w;
          publishState();
        },
        setRelay(on) {
          relay = on;
          publishState();
        },
      };
    },
    agent(topic, online, login) {
      const availability = `homeassistant/sensor/${topic}/availability`;
      let client: MqttClient | undefined;
      let up = online;
      const publish = () => {
        if (!client) return;
        client.publish(availability, up ? 'online' : 'offline', { retain: true, qos: 1 });
        if (up)
          client.publish(
            `homeassistant/sensor/${topic}/cpuload/state`,
            String(5 + Math.round(Math.random() * 10)),
          );
      };
      void open(`demo-agent-${topic}`, { topic: availability, payload: 'offline' }, login).then((c) => {
        client = c;
        every(publish);
      });
      return {
        topic,
        setOnline(v) {
          up = v;
          publish();
        },
      };
    },
    async close() {
      for (const t of timers) clearInterval(t);
      // Forced ends of the simulated devices: their last wills say they are gone, as real ones would.
      await Promise.allSettled(clients.map((c) => c.endAsync(true)));
    },
  };
}
