import { Command } from 'commander';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMqtt, registerProbeMqtt } from '../../../src/cli/probe-mqtt.js';
import { runCli } from '../../helpers/cli.js';
import { type Mosquitto, startMosquitto } from '../../helpers/mosquitto.js';
import { freePort } from '../../helpers/net.js';
import { readFixture, tasmotaMessages } from '../../unit/mqtt/fixture-messages.js';

describe('zoneops probe mqtt against a real Mosquitto', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto();
    const pub = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    // Retained, as a plug with SensorRetain/StateRetain would leave them (tasmota.md "Retain flags").
    for (const m of tasmotaMessages().filter((m) => m.topic.split('/')[1] === 'pow1')) {
      await pub.publishAsync(m.topic, m.payload, { qos: 1, retain: true });
    }
    await pub.publishAsync('tele/pow1/LWT', 'Online', { qos: 1, retain: true });
    await pub.endAsync();
  });
  afterAll(async () => {
    await broker?.close();
  });

  it('prints the normalised reading from retained messages (tasmota.md line 61: 2629 W, 6.404 kWh)', async () => {
    expect(readFixture('tasmota.md')).toContain('"Total":6.404');
    const out: string[] = [];
    const program = new Command('zoneops').exitOverride();
    const probe = program.command('probe');
    registerProbeMqtt(probe, { write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream);
    await program.parseAsync(
      [
        'probe',
        'mqtt',
        '--broker',
        broker.url,
        '--family',
        'tasmota',
        '--topic',
        'pow1',
        '--seconds',
        '1',
        '--json',
      ],
      { from: 'user' },
    );
    const result = JSON.parse(out.join('')) as Record<string, unknown>;
    expect(result).toMatchObject({
      broker: `${broker.url}`,
      family: 'tasmota',
      topic: 'pow1',
      online: true,
      watts: 2629,
      energyKWh: 6.404,
      deviceOn: true,
      badMessages: 0,
    });
    expect(result.relay).toBeNull();
    expect(typeof result.lastSeen).toBe('string');
    expect(result.problem).toBeUndefined();
  });

  it('says clearly when the plug is silent or the broker is not there', async () => {
    const silent = await probeMqtt({ url: broker.url, family: 'shelly1', topic: 'shelly1-none', seconds: 1 });
    expect(silent).toMatchObject({
      messages: 0,
      problem: { reason: 'timeout', message: 'no usable message from shelly1 "shelly1-none" in 1 s' },
    });
    const port = await freePort();
    const down = await probeMqtt({
      url: `mqtt://127.0.0.1:${port}`,
      family: 'tasmota',
      topic: 'x',
      seconds: 1,
    });
    expect(down.problem?.reason).toBe('refused');
  });

  const runProbe = async (args: string[]) => {
    const out: string[] = [];
    const program = new Command('zoneops').exitOverride();
    registerProbeMqtt(program.command('probe'), {
      write: (x: string) => out.push(x),
    } as unknown as NodeJS.WritableStream);
    await program.parseAsync(['probe', 'mqtt', '--broker', broker.url, '--seconds', '1', ...args], {
      from: 'user',
    });
    return out.join('');
  };

  it('--family agent prints the shutdown topic the agent announced in its discovery config, and where from', async () => {
    // HASS.Agent's retained discovery config for a command its user made a Button
    // (HomeAssistant/Commands/CustomCommand.cs GetAutoDiscoveryConfig; hass-agent.md "Correction and additions").
    const agent = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    await agent.publishAsync(
      'homeassistant/button/READING-PC2/shutdown/config',
      JSON.stringify({
        availability_topic: 'homeassistant/sensor/READING-PC2/availability',
        command_topic: 'homeassistant/button/READING-PC2/shutdown/set',
        state_topic: 'homeassistant/button/READING-PC2/shutdown/state',
        device: {
          identifiers: 'hass.agent-READING-PC2',
          manufacturer: 'HASS.Agent Team',
          name: 'READING-PC2',
        },
        name: 'shutdown',
      }),
      { qos: 1, retain: true },
    );
    await agent.publishAsync('homeassistant/sensor/READING-PC2/availability', 'online', {
      qos: 1,
      retain: true,
    });
    await agent.endAsync();
    const text = await runProbe(['--family', 'agent', '--topic', 'READING-PC2', '--lang', 'en']);
    expect(text).toContain('online     yes');
    expect(text).toContain(
      'shutdown   homeassistant/button/READING-PC2/shutdown/set PRESS  (from discovery homeassistant/button/READING-PC2/shutdown/config)',
    );
    // Not announced: HASS.Agent's default switch template, said so.
    expect(text).toContain('restart    homeassistant/switch/READING-PC2/restart/set ON  (from template)');
    // In Chinese: what each command is, where it is sent, and where that came from; topics as they are.
    const zh = await runProbe(['--family', 'agent', '--topic', 'READING-PC2', '--lang', 'zh-CN']);
    expect(zh).toContain('设备：电脑代理程序 READING-PC2\n在线：是\n');
    expect(zh).toContain('电脑开机：是\n');
    expect(zh).toContain(
      '关机命令：向 homeassistant/button/READING-PC2/shutdown/set 发送 PRESS（来自代理程序的自动发现配置 homeassistant/button/READING-PC2/shutdown/config）\n',
    );
    expect(zh).toContain(
      '重启命令：向 homeassistant/switch/READING-PC2/restart/set 发送 ON（来自默认模板）\n',
    );
  });

  it('prints the reading in Chinese by default (the built command, no locale), in English with --lang en', () => {
    const probe = (...extra: string[]) =>
      runCli([
        'probe',
        'mqtt',
        '--broker',
        broker.url,
        '--family',
        'tasmota',
        '--topic',
        'pow1',
        '--seconds',
        '1',
        ...extra,
      ]);
    const zh = probe();
    expect(zh.stderr).toBe('');
    expect(zh.code).toBe(0);
    // The time of the last message is the probe's own (local time, to the second).
    const lastSeen = /^最后收到消息：(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})$/m.exec(zh.stdout)?.[1];
    expect(lastSeen).toBeDefined();
    expect(zh.stdout).toBe(
      [
        `消息服务器：${broker.url}`,
        '设备：Tasmota 智能插座 pow1',
        '在线：是',
        '插座开关：—',
        '功率：2629 瓦',
        '累计用电：6.404 千瓦时',
        '所接设备开机：是',
        `最后收到消息：${lastSeen}`,
        '收到消息：3 条，其中无法识别 0 条',
        '',
      ].join('\n'),
    );
    const en = probe('--lang', 'en');
    expect(en.code).toBe(0);
    const seen = /^lastSeen {3}(\S+)$/m.exec(en.stdout)?.[1];
    expect(seen).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(en.stdout).toBe(
      [
        `broker     ${broker.url}`,
        'device     tasmota pow1',
        'online     yes',
        'relay      -',
        'watts      2629',
        'energyKWh  6.404',
        'deviceOn   yes',
        `lastSeen   ${seen}`,
        'messages   3 (0 bad)',
        '',
      ].join('\n'),
    );
  });

  it('says in Chinese that nothing was heard or the broker refused (exit 1), in English with --lang en', async () => {
    const silent = runCli([
      'probe',
      'mqtt',
      '--broker',
      broker.url,
      '--family',
      'shelly1',
      '--topic',
      'shelly1-none',
      '--seconds',
      '1',
    ]);
    expect(silent.code).toBe(1);
    expect(silent.stdout).toBe(
      [
        `消息服务器：${broker.url}`,
        '设备：Shelly 第一代智能插座 shelly1-none',
        '在线：否',
        '插座开关：—',
        '功率：—',
        '累计用电：—',
        '所接设备开机：—',
        '最后收到消息：—',
        '收到消息：0 条，其中无法识别 0 条',
        '问题：1 秒内没有收到 Shelly 第一代智能插座 "shelly1-none" 的可用消息',
        '',
      ].join('\n'),
    );
    const port = await freePort();
    const down = (...extra: string[]) =>
      runCli([
        'probe',
        'mqtt',
        '--broker',
        `mqtt://127.0.0.1:${port}`,
        '--family',
        'tasmota',
        '--topic',
        'x',
        '--seconds',
        '1',
        ...extra,
      ]);
    const zh = down();
    expect(zh.code).toBe(1);
    expect(zh.stdout).toContain(
      `问题：无法连接消息服务器（连接被拒绝）\n  原文：connect ECONNREFUSED 127.0.0.1:${port}\n`,
    );
    const en = down('--lang', 'en');
    expect(en.code).toBe(1);
    expect(en.stdout).toContain(`problem    refused: broker: connect ECONNREFUSED 127.0.0.1:${port}\n`);
  });

  it('refuses a bad option value with exit 2, in Chinese by default and in English with --lang en', () => {
    const bad = (...extra: string[]) =>
      runCli(['probe', 'mqtt', '--broker', broker.url, '--family', 'tasmota', '--topic', 'pow1', ...extra]);
    const seconds = bad('--seconds', '0');
    expect(seconds.code).toBe(2);
    expect(seconds.stdout).toBe('');
    expect(seconds.stderr).toBe(
      'zoneops probe mqtt：--seconds：应为 1 到 3600 之间的整数（秒），实际是 "0"\n',
    );
    expect(bad('--seconds', '0', '--lang', 'en').stderr).toBe(
      'zoneops probe mqtt: --seconds: expected 1..3600 seconds, got "0"\n',
    );
    const relay = bad('--relay', '33');
    expect(relay.code).toBe(2);
    expect(relay.stderr).toBe('zoneops probe mqtt：--relay：应为 1 到 32 之间的继电器编号，实际是 "33"\n');
    expect(bad('--relay', '33', '--lang', 'en').stderr).toBe(
      'zoneops probe mqtt: --relay: expected a relay number 1..32, got "33"\n',
    );
    const layout = bad('--full-topic', 'tele/%topic%');
    expect(layout.code).toBe(2);
    expect(layout.stderr).toBe(
      'zoneops probe mqtt：--full-topic：应同时含有 %prefix% 和 %topic%、不含 + 或 #，例如 "%topic%/%prefix%/"，实际是 "tele/%topic%"\n',
    );
    expect(bad('--full-topic', 'tele/%topic%', '--lang', 'en').stderr).toBe(
      'zoneops probe mqtt: --full-topic: expected a FullTopic with %prefix% and %topic%, e.g. "%topic%/%prefix%/", got "tele/%topic%"\n',
    );
  });

  it('--family shelly2 asks a Gen2 plug that only answers RPC and prints its relay, watts and kWh', async () => {
    const plug = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    plug.on('message', (_topic, payload) => {
      const frame = JSON.parse(payload.toString()) as { id: number; src: string; method: string };
      if (frame.method !== 'Switch.GetStatus') return;
      // Switch.GetStatus result fields (shelly.md "Additions"; gen2 Switch component page)
      const result = {
        id: 0,
        source: 'init',
        output: true,
        apower: 47.3,
        voltage: 229.9,
        aenergy: { total: 5120 },
      };
      void plug.publishAsync(
        `${frame.src}/rpc`,
        JSON.stringify({ id: frame.id, src: 'shellyplusplugs-c0ffee', dst: frame.src, result }),
      );
    });
    await plug.subscribeAsync('shellyplusplugs-c0ffee/rpc', { qos: 1 });
    const result = JSON.parse(
      await runProbe(['--family', 'shelly2', '--topic', 'shellyplusplugs-c0ffee', '--json']),
    ) as Record<string, unknown>;
    await plug.endAsync();
    expect(result).toMatchObject({ relay: 'on', watts: 47.3, energyKWh: 5.12, badMessages: 0 });
  });
});
