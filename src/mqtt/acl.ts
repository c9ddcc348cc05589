import { say } from '../config/problems.js';
import type { Config } from '../config/schema.js';
import type { Secret } from '../config/secret.js';
import { type AgentTemplates, zoneopsMqttIdentity } from '../config/sections/mqtt.js';
import { hygieneTasks } from '../domain/hygiene-plan.js';
import { deviceRoute } from './dialects/route.js';
import { matchesFilter } from './topic-filter.js';

/**
 * Who may do what on the broker, derived from the register: zoneops may publish and subscribe to
 * everything (it alone sends commands and writes `zoneops/<site>/…`); a device may publish only its own
 * state topics and subscribe only to its own command topics, as its dialect declares them
 * (`DeviceRoute.topics`, src/mqtt/dialects/); a hygiene button may publish only its own
 * `zoneops/<site>/hygiene/<target>/<task>`. Anyone else is refused. The embedded broker enforces these
 * rules (embedded-broker.ts); `zoneops mqtt acl` writes the same rules for Mosquitto (mosquitto-files.ts).
 */
export interface Principal {
  readonly username: string;
  readonly password: Secret | undefined;
  readonly kind: 'zoneops' | 'device' | 'button';
  /** The device or button id ('zoneops' for zoneops itself). */
  readonly id: string;
  /** Topic filters it may publish to. */
  readonly publish: readonly string[];
  /** Topic filters within which it may subscribe. */
  readonly subscribe: readonly string[];
  /** Where this principal's credential is configured, for problem messages. */
  readonly configPath: string;
}

export interface AccessRules {
  /** zoneops' own client id: nobody else may use it, and a second session with it is refused. */
  readonly zoneopsClientId: string;
  readonly byUsername: ReadonlyMap<string, Principal>;
  /** Two entries with the same username (a config mistake), reported once at start. */
  readonly problems: readonly string[];
}

export interface AclInput {
  readonly site: string;
  readonly mqtt: Pick<Config['mqtt'], 'clientId' | 'username' | 'password'> & {
    readonly agent: AgentTemplates;
  };
  readonly devices: readonly Config['devices'][number][];
  readonly buttons: readonly Config['hygiene']['buttons'][number][];
  readonly targets: readonly Config['hygiene']['targets'][number][];
}

export function aclInputOf(config: Config): AclInput {
  return {
    site: config.site,
    mqtt: config.mqtt,
    devices: config.devices,
    buttons: config.hygiene.buttons,
    targets: config.hygiene.targets,
  };
}

export function buttonTopic(site: string, target: string, task: string): string {
  return `zoneops/${site}/hygiene/${target}/${task}`;
}

export function accessRules(input: AclInput, zoneopsPassword?: Secret): AccessRules {
  const { clientId, username } = zoneopsMqttIdentity(input.mqtt, input.site);
  const byUsername = new Map<string, Principal>();
  const problems: string[] = [];
  const add = (p: Principal) => {
    const prev = byUsername.get(p.username);
    if (prev) {
      problems.push(`${p.configPath}: MQTT username "${p.username}" is also used by ${prev.configPath}`);
      return;
    }
    byUsername.set(p.username, p);
  };
  add({
    username,
    password: zoneopsPassword ?? input.mqtt.password,
    kind: 'zoneops',
    id: 'zoneops',
    publish: ['#'],
    subscribe: ['#'],
    configPath: 'mqtt.password',
  });
  input.devices.forEach((d, i) => {
    if (!d.mqtt) return;
    const route = deviceRoute(d.id, d.mqtt, { site: input.site, clientId, agent: input.mqtt.agent });
    if ('problem' in route) return;
    add({
      username: d.mqtt.username ?? d.id,
      password: d.mqtt.password,
      kind: 'device',
      id: d.id,
      publish: route.topics.publish,
      subscribe: route.topics.subscribe,
      configPath: `devices[${i}].mqtt.password`,
    });
  });
  input.buttons.forEach((b, i) => {
    const target = input.targets.find((t) => t.id === b.target);
    const tasks = b.tasks ?? target?.tasks ?? [...hygieneTasks];
    add({
      username: b.username ?? b.id,
      password: b.password,
      kind: 'button',
      id: b.id,
      publish: tasks.map((task) => buttonTopic(input.site, b.target, task)),
      subscribe: [],
      configPath: `hygiene.buttons[${i}].password`,
    });
  });
  return { zoneopsClientId: clientId, byUsername, problems };
}

export function mayPublish(p: Principal, topic: string): boolean {
  return p.publish.some((f) => matchesFilter(f, topic));
}

export function maySubscribe(p: Principal, filter: string): boolean {
  return p.subscribe.some((allowed) => filterCovers(allowed, filter));
}

/**
 * Whether every topic the `requested` subscription can match also matches `allowed` (so a device
 * allowed `cmnd/plug-01/#` may subscribe to `cmnd/plug-01/POWER` or `cmnd/plug-01/+`, never `cmnd/#`).
 */
export function filterCovers(allowed: string, requested: string): boolean {
  const a = allowed.split('/');
  const r = requested.split('/');
  for (let i = 0; i < a.length; i++) {
    const level = a[i];
    if (level === '#') return true;
    if (i >= r.length) return false;
    const want = r[i];
    if (want === '#') return false;
    if (level === '+') continue;
    if (want === '+' || want !== level) return false;
  }
  return r.length === a.length;
}

/**
 * The devices and buttons that have no password although the broker needs one (the embedded broker
 * always does). One line each, naming the field to set.
 */
export function missingCredentials(config: Config): string[] {
  if (config.mqtt.url !== undefined) return [];
  const rules = accessRules(aclInputOf(config));
  const out = [...rules.problems];
  for (const p of rules.byUsername.values()) {
    if (p.kind === 'zoneops' || p.password !== undefined) continue;
    out.push(
      say(
        `${p.configPath}: ${p.id} has no MQTT password and the embedded broker refuses clients without one — run "zoneops mqtt credentials --config <this file>" or set it`,
        `${p.configPath}：${p.id} 没有 MQTT 密码，内置的 MQTT 服务器不接受没有密码的连接——请运行 "zoneops mqtt credentials --config <this file>" 生成，或自己填写`,
      ),
    );
  }
  return out;
}
