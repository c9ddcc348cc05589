import { describe, expect, it } from 'vitest';
import { parseCredentials } from '../../../src/config/mqtt-credentials.js';
import { accessRules, aclInputOf, filterCovers, mayPublish, maySubscribe } from '../../../src/mqtt/acl.js';
import { FrameScanner } from '../../../src/mqtt/frame-guard.js';
import { passwordLine } from '../../../src/mqtt/mosquitto-files.js';
import { parseZone } from './config-fixture.js';

/** The access rules derived from the register (src/mqtt/acl.ts) over our own small zone (config-fixture.ts). */
const rules = accessRules(aclInputOf(parseZone()));
const who = (user: string) => {
  const p = rules.byUsername.get(user);
  if (!p) throw new Error(`no principal ${user}`);
  return p;
};

describe('access rules from the register', () => {
  it('a Tasmota plug: its own tele/ and stat/ topics, its own cmnd/ (tasmota.md: default FullTopic %prefix%/%topic%/)', () => {
    const plug = who('plug-copier');
    for (const t of [
      'tele/plug_copier/LWT',
      'tele/plug_copier/SENSOR',
      'stat/plug_copier/POWER',
      'stat/plug_copier/STATUS8',
    ])
      expect(mayPublish(plug, t), t).toBe(true);
    for (const t of [
      'tele/plug-s1/LWT',
      'cmnd/plug_copier/POWER',
      'zoneops/demo/status',
      'tele/plug_copier/a/b',
    ])
      expect(mayPublish(plug, t), t).toBe(false);
    expect(maySubscribe(plug, 'cmnd/plug_copier/#')).toBe(true);
    expect(maySubscribe(plug, 'cmnd/plug_copier/POWER')).toBe(true);
    // Tasmota's group topic (tasmota.md, INFO1 "GroupTopic"): only zoneops could publish there.
    expect(maySubscribe(plug, 'cmnd/tasmotas/#')).toBe(true);
    expect(maySubscribe(plug, 'cmnd/#')).toBe(false);
    expect(maySubscribe(plug, 'cmnd/+/POWER')).toBe(false);
  });

  it('Shelly Gen1 and Gen2: their own prefix; Gen2 replies on its own <zoneops id>_<device id>/rpc (shelly.md)', () => {
    const s1 = who('plug-s1');
    expect(mayPublish(s1, 'shellies/shellyplug-s-C18B12/relay/0/power')).toBe(true);
    expect(mayPublish(s1, 'shellies/shellyplug-s-C18B12/relay/0/command')).toBe(false);
    expect(maySubscribe(s1, 'shellies/shellyplug-s-C18B12/relay/0/command')).toBe(true);
    const s2 = who('plug-s2');
    expect(mayPublish(s2, 'shellyplusplugs-abc/status/switch:0')).toBe(true);
    expect(mayPublish(s2, 'shellyplusplugs-abc/events/rpc')).toBe(true);
    expect(mayPublish(s2, 'zoneops-demo_plug-s2/rpc')).toBe(true);
    expect(mayPublish(s2, 'zoneops-demo_plug-other/rpc')).toBe(false);
    expect(mayPublish(s2, 'shellyplusplugs-abc/rpc')).toBe(false);
    expect(maySubscribe(s2, 'shellyplusplugs-abc/rpc')).toBe(true);
  });

  it('a HASS.Agent PC: availability, states and discovery configs of its own device; its own set topics (hass-agent.md)', () => {
    const pc = who('pc-01');
    for (const t of [
      'homeassistant/sensor/OFFICE-PC01/availability',
      'homeassistant/sensor/OFFICE-PC01/cpu_load/state',
      'homeassistant/switch/OFFICE-PC01/shutdown/config',
    ])
      expect(mayPublish(pc, t), t).toBe(true);
    expect(mayPublish(pc, 'homeassistant/switch/OFFICE-PC01/shutdown/set')).toBe(false);
    expect(mayPublish(pc, 'homeassistant/sensor/OTHER-PC/availability')).toBe(false);
    expect(maySubscribe(pc, 'homeassistant/button/OFFICE-PC01/shutdown/set')).toBe(true);
    expect(maySubscribe(pc, 'homeassistant/switch/OFFICE-PC01/shutdown/set')).toBe(true);
    expect(maySubscribe(pc, 'homeassistant/#')).toBe(false);
  });

  it('generic telemetry: only its own telemetry topic; zoneops: everything; devices without MQTT: nothing', () => {
    const kiosk = who('kiosk-1');
    expect(mayPublish(kiosk, 'zoneops/demo/devices/kiosk-1/telemetry')).toBe(true);
    expect(mayPublish(kiosk, 'zoneops/demo/devices/plug-s1/telemetry')).toBe(false);
    expect(kiosk.subscribe).toEqual([]);
    const zoneops = who('zoneops-demo');
    expect(mayPublish(zoneops, 'cmnd/plug_copier/POWER')).toBe(true);
    expect(maySubscribe(zoneops, '#')).toBe(true);
    expect(rules.byUsername.has('printer-1')).toBe(false);
    expect(rules.zoneopsClientId).toBe('zoneops-demo');
  });

  it('a cleaning button: its own target and tasks only', () => {
    const r = accessRules(
      aclInputOf(
        parseZone({
          hygiene: {
            targets: [{ id: 'reading-area', name: '查阅区' }],
            buttons: [{ id: 'door', target: 'reading-area', tasks: ['clean'] }],
          },
        }),
      ),
    );
    const b = r.byUsername.get('door');
    expect(b?.publish).toEqual(['zoneops/demo/hygiene/reading-area/clean']);
    expect(b?.subscribe).toEqual([]);
  });

  it('two clients with one username are a configuration problem', () => {
    const r = accessRules(
      aclInputOf(
        parseZone({}, [
          { ...plug('p1'), mqtt: { family: 'tasmota', topic: 'p1', username: 'same' } },
          { ...plug('p2'), mqtt: { family: 'tasmota', topic: 'p2', username: 'same' } },
        ]),
      ),
    );
    expect(r.problems).toEqual([
      'devices[1].mqtt.password: MQTT username "same" is also used by devices[0].mqtt.password',
    ]);
  });
});

function plug(id: string) {
  return {
    id,
    name: id,
    type: 'plug',
    location: '大厅',
    assetNo: `A-${id}`,
    vendor: { name: 'v' },
    serviceProvider: { name: 's' },
    responsible: '王强',
  };
}

describe('filterCovers (a subscription within what is allowed)', () => {
  it.each([
    ['a/#', 'a/#', true],
    ['a/#', 'a', true],
    ['a/#', 'a/b/+', true],
    ['a/+', 'a/b', true],
    ['a/+', 'a/+', true],
    ['a/+', 'a/#', false],
    ['a/+', 'a/b/c', false],
    ['a/b', 'a/+', false],
    ['a/b', 'a/b', true],
    ['a/b', 'a/b/c', false],
    ['#', '$SYS/x', true],
  ])('%s covers %s: %s', (allowed, requested, expected) => {
    expect(filterCovers(allowed, requested)).toBe(expected);
  });
});

describe('the frame limit reads MQTT fixed headers (MQTT 3.1.1 §2.2.3)', () => {
  const header = (type: number, len: number) => {
    const bytes = [type];
    let x = len;
    do {
      let b = x % 128;
      x = Math.floor(x / 128);
      if (x > 0) b |= 0x80;
      bytes.push(b);
    } while (x > 0);
    return Buffer.from(bytes);
  };
  it('passes packets within the limit, split anywhere, and names the size of the first too large', () => {
    const s = new FrameScanner(1000);
    const small = Buffer.concat([header(0x30, 500), Buffer.alloc(500)]);
    expect(s.feed(small.subarray(0, 1))).toBeNull();
    expect(s.feed(small.subarray(1, 300))).toBeNull();
    expect(s.feed(small.subarray(300))).toBeNull();
    expect(s.feed(Buffer.from([0xc0, 0x00]))).toBeNull(); // PINGREQ, no body
    // 2 MiB: 0x30, remaining length 2097152 in four bytes.
    expect(s.feed(header(0x30, 2 * 1024 * 1024))).toBe(1 + 4 + 2 * 1024 * 1024);
  });
  it('a fifth length byte is malformed', () => {
    expect(new FrameScanner(1 << 30).feed(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]))).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});

describe('credentials file and Mosquitto password lines', () => {
  it('never echoes a line of a file that is not a credentials file', () => {
    const r = parseCredentials('root:x:0:0:root:/root:/bin/bash\n', '/etc/passwd');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain('/etc/passwd');
      expect(r.error).not.toContain('root:x');
      expect(r.error).not.toContain('/bin/bash');
    }
    const bad = parseCredentials('clients:\n  plug-01: short\n', 'c.yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).not.toContain('short');
  });
  it('$7$ PBKDF2-SHA512 with 101 iterations, as common/password_mosq.c writes it', () => {
    // PBKDF2-HMAC-SHA512("secret-pw", 12 zero bytes, 101, 64): computed independently with Python's hashlib.
    const line = passwordLine('plug-01', 'secret-pw', Buffer.alloc(12));
    expect(line).toBe(
      'plug-01:$7$101$AAAAAAAAAAAAAAAA$OB7SO6bY5jfOeIUGpvh/vm4hJBJXwvuQ0QxzA3+r8DfMXQ9Xby3LtQAtgirYLcSMYpuwlGbYzf46czI1VRzqCQ==',
    );
  });
});
