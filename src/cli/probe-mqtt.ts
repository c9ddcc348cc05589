import { type Command, Option } from 'commander';
import mqtt from 'mqtt';
import { type AgentTemplates, defaultAgentTemplates } from '../config/sections/mqtt.js';
import { defaultTasmotaOptions, type TasmotaOptions } from '../config/sections/mqtt-device.js';
import type { Language } from '../domain/messages.js';
import { safeUrl } from '../mqtt/connection.js';
import { deviceRoute } from '../mqtt/dialects/route.js';
import { applyUpdate, initialState, type PowerState, toObservation } from '../mqtt/power-state.js';
import { cliLanguage, colonOf, langOption } from './lang.js';
import { formatProbe, type MqttProbeView, probeMqttWords as words } from './probe-mqtt-text.js';

const probeFamilies = ['tasmota', 'shelly1', 'shelly2', 'agent'] as const;
type ProbeFamily = (typeof probeFamilies)[number];

/** The probe's reading; `lastSeen` is the ISO time of the last message (null when nothing was heard). */
interface MqttProbeResult extends MqttProbeView {
  readonly family: ProbeFamily;
}

/**
 * Listens to one plug/agent for `seconds` (retained messages included) and returns its normalised
 * reading. Never throws for a broker or device problem: that is in `problem`.
 */
export async function probeMqtt(opts: {
  url: string;
  family: ProbeFamily;
  topic: string;
  seconds: number;
  agent?: AgentTemplates;
  tasmota?: TasmotaOptions;
  /** The language of the warnings written to stderr (default Chinese). */
  lang?: Language;
  stderr?: NodeJS.WritableStream;
}): Promise<MqttProbeResult> {
  const lang = opts.lang ?? 'zh-CN';
  const warn = (line: string) => (opts.stderr ?? process.stderr).write(`${line}\n`);
  const base = { broker: safeUrl(opts.url), family: opts.family, topic: opts.topic };
  const empty = { online: false, relay: null, watts: null, energyKWh: null, deviceOn: null, lastSeen: null };
  const clientId = `zoneops-probe-${process.pid}`;
  const route = deviceRoute(
    'probe',
    { family: opts.family, topic: opts.topic, ...(opts.tasmota ? { tasmota: opts.tasmota } : {}) },
    { site: 'probe', clientId, agent: opts.agent ?? defaultAgentTemplates },
  );
  if ('problem' in route) {
    return {
      ...base,
      ...empty,
      messages: 0,
      badMessages: 0,
      problem: { reason: 'protocol', message: route.problem },
    };
  }
  let client: mqtt.MqttClient;
  try {
    client = await mqtt.connectAsync(opts.url, {
      clientId,
      reconnectPeriod: 0,
      connectTimeout: Math.min(10, Math.max(1, opts.seconds)) * 1000,
    });
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    const reason = /ECONNREFUSED/.test(text)
      ? 'refused'
      : /Not authorized|Bad username/i.test(text)
        ? 'auth'
        : /timeout/i.test(text)
          ? 'timeout'
          : 'unreachable';
    return {
      ...base,
      ...empty,
      messages: 0,
      badMessages: 0,
      problem: { reason, message: `broker: ${text}` },
    };
  }
  let state: PowerState | undefined;
  let messages = 0;
  let badMessages = 0;
  client.on('message', (topic, payload, packet) => {
    const d = route.decode(topic, payload);
    if (d === null) return;
    messages++;
    if (d.kind === 'bad') {
      badMessages++;
      return;
    }
    if (d.kind === 'learned') {
      route.learn?.(d.command, d.learned);
      return;
    }
    const now = Date.now();
    state = applyUpdate(state ?? initialState(now), d.kind === 'update' ? d.update : {}, now, packet.retain);
  });
  await client.subscribeAsync([...route.filters], { qos: 1 });
  // Ask the device its state, as the daemon does on connect (a Gen2 plug with status_ntf off says
  // nothing until asked; Tasmota answers an empty POWER at once). A read-only query, never a switch.
  const query = route.stateQuery?.();
  if (query)
    await client
      .publishAsync(query.topic, query.payload, { qos: 1 })
      .catch((err: Error) => warn(words.queryNotSent(err.message, lang)));
  await new Promise((r) => setTimeout(r, opts.seconds * 1000));
  // The reading is taken; a broker that drops the connection first changes nothing of it.
  await client.endAsync().catch((err: Error) => warn(words.disconnect(err.message, lang)));
  const commands = route.agentCommands?.();
  const withCommands = commands ? { commands } : {};
  if (!state) {
    return {
      ...base,
      ...empty,
      messages,
      badMessages,
      ...withCommands,
      problem: {
        reason: 'timeout',
        message: `no usable message from ${opts.family} "${opts.topic}" in ${opts.seconds} s`,
      },
    };
  }
  const obs = toObservation(
    'probe',
    state,
    { family: opts.family, onAboveWatts: 5, offlineAfterSeconds: 180 },
    Date.now(),
  );
  const p = obs.power;
  return {
    ...base,
    online: p?.online ?? false,
    relay: p?.relay ?? null,
    watts: p?.watts ?? null,
    energyKWh: p?.energyKWh ?? null,
    deviceOn: p?.deviceOn ?? null,
    lastSeen: p ? new Date(p.lastSeen).toISOString() : null,
    messages,
    badMessages,
    ...withCommands,
    ...(obs.problem ? { problem: obs.problem } : {}),
  };
}

/** A refused option value, in the reader's language (exit 2). */
class UsageError extends Error {}

function seconds(v: string, lang: Language): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 3600) throw new UsageError(words.seconds(v, lang));
  return n;
}

function relayNumber(v: string, lang: Language): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 32) throw new UsageError(words.relay(v, lang));
  return n;
}

function fullTopicArg(v: string, lang: Language): string {
  if (!(v.includes('%prefix%') && v.includes('%topic%')) || /[+#]/.test(v))
    throw new UsageError(words.fullTopic(v, lang));
  return v;
}

function tasmotaArgs(fullTopic: string | undefined, relay: number | undefined): TasmotaOptions {
  return {
    ...defaultTasmotaOptions,
    ...(fullTopic !== undefined ? { fullTopic: fullTopic.endsWith('/') ? fullTopic : `${fullTopic}/` } : {}),
    ...(relay !== undefined ? { relay } : {}),
  };
}

interface ProbeMqttOptions {
  broker: string;
  family: ProbeFamily;
  topic: string;
  seconds: string;
  fullTopic?: string;
  relay?: string;
  json?: boolean;
  lang?: string;
}

/** `zoneops probe mqtt`: exit 0 when the device was heard, 1 when not, 2 for a bad option value. */
export function registerProbeMqtt(
  probe: Command,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): void {
  probe
    .command('mqtt')
    .description('listen to one smart plug or PC agent and print its normalised reading')
    .requiredOption('--broker <url>', 'broker URL, e.g. mqtt://127.0.0.1:1883')
    .addOption(new Option('--family <family>', 'device family').choices(probeFamilies).makeOptionMandatory())
    .requiredOption('--topic <topic>', 'the device topic (Tasmota %topic%, Shelly id/prefix, agent name)')
    .option('--seconds <n>', 'how long to listen', '10')
    .option(
      '--full-topic <layout>',
      'Tasmota FullTopic, e.g. "%topic%/%prefix%/" (default %prefix%/%topic%/)',
    )
    .option('--relay <n>', 'Tasmota relay number (POWER<n>)')
    .option('--json', 'print JSON')
    .addOption(langOption())
    .action(async (o: ProbeMqttOptions) => {
      // The values are checked here, not by commander, so a refusal is in the reader's language.
      const lang = cliLanguage(o.lang);
      let listen: number;
      let tasmota: TasmotaOptions;
      try {
        listen = seconds(o.seconds, lang);
        tasmota = tasmotaArgs(
          o.fullTopic === undefined ? undefined : fullTopicArg(o.fullTopic, lang),
          o.relay === undefined ? undefined : relayNumber(o.relay, lang),
        );
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        err.write(`zoneops probe mqtt${colonOf(lang)}${e.message}\n`);
        process.exitCode = 2;
        return;
      }
      const result = await probeMqtt({
        url: o.broker,
        family: o.family,
        topic: o.topic,
        seconds: listen,
        tasmota,
        lang,
        stderr: err,
      });
      out.write(o.json ? `${JSON.stringify(result, null, 2)}\n` : formatProbe(result, lang));
      if (result.messages === 0) process.exitCode = 1;
    });
}
