import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../src/config/secret.js';
import { createLogger } from '../../../src/log.js';
import { createPollLoop } from '../../../src/probes/poll-loop.js';
import { createTrapReceiver, pollOnTrap, type TrapReceiver } from '../../../src/probes/snmp/trap-receiver.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { freeUdpPort } from '../../helpers/net.js';
import { requireBinary, waitUntil } from '../../helpers/proc.js';

const run = promisify(execFile);
let receiver: TrapReceiver | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

async function setup() {
  const snmptrap = requireBinary('snmptrap');
  const port = await freeUdpPort();
  const polled: string[] = [];
  const poller = createPollLoop({
    protocol: 'snmp',
    targets: [{ id: 'copier-1', intervalMs: 3_600_000, budgetMs: 10_000 }],
    clock: new FakeClock(0), // never advanced: only traps cause polls here
    logger: createLogger('silent'),
    onObservation: () => {},
    maxConcurrent: 4,
    maxBackoffMs: 900_000,
    isAsleep: () => false,
    read: async (t) => {
      polled.push(t.id);
      return { deviceId: t.id, source: 'snmp', at: 0, reachable: true, conditions: [] };
    },
  });
  poller.start();
  const hosts = new Map([['127.0.0.1', 'copier-1']]);
  const kinds: string[] = [];
  const onPoll = pollOnTrap({ deviceForHost: (h) => hosts.get(h), pollNow: (id) => poller.pollNow(id) });
  receiver = createTrapReceiver({
    host: '127.0.0.1',
    port,
    communities: [new Secret('zonetrap', 'test')],
    onTrap: (source, kind) => {
      kinds.push(kind);
      onPoll(source, kind);
    },
  });
  await receiver.start();
  const send = (args: string[]) => run(snmptrap, args);
  return { port, polled, kinds, send };
}

describe('trap receiver', () => {
  it('a v2c Printer-MIB alert trap triggers an immediate poll of that device', async () => {
    const t = await setup();
    await t.send(['-v2c', '-c', 'zonetrap', `127.0.0.1:${t.port}`, '', '1.3.6.1.2.1.43.18.2.0.1']);
    // The device's interval is an hour and the clock never moves: only the trap can cause this poll.
    await waitUntil(() => t.polled.length === 1, 15_000, 'poll after trap');
    expect(t.kinds).toEqual(['printer-alert']);
    expect(t.polled).toEqual(['copier-1']);
  });

  it('v2c linkDown and v1 coldStart and v1 printer alert are recognised; others ignored', async () => {
    const t = await setup();
    await t.send(['-v2c', '-c', 'zonetrap', `127.0.0.1:${t.port}`, '', '1.3.6.1.6.3.1.1.5.3']);
    await t.send([
      '-v1',
      '-c',
      'zonetrap',
      `127.0.0.1:${t.port}`,
      '1.3.6.1.4.1.8072',
      '127.0.0.1',
      '0',
      '0',
      '',
    ]);
    await t.send([
      '-v1',
      '-c',
      'zonetrap',
      `127.0.0.1:${t.port}`,
      '1.3.6.1.2.1.43.18.2',
      '127.0.0.1',
      '6',
      '1',
      '',
    ]);
    await t.send(['-v2c', '-c', 'zonetrap', `127.0.0.1:${t.port}`, '', '1.3.6.1.4.1.8072.2.3.0.1']);
    await waitUntil(() => t.kinds.length === 3, 5000, 'three traps');
    expect(t.kinds.sort()).toEqual(['cold-start', 'link-down', 'printer-alert']);
  });

  it('a trap with the wrong community is dropped', async () => {
    const t = await setup();
    await t.send(['-v2c', '-c', 'wrong', `127.0.0.1:${t.port}`, '', '1.3.6.1.2.1.43.18.2.0.1']);
    await t.send(['-v2c', '-c', 'zonetrap', `127.0.0.1:${t.port}`, '', '1.3.6.1.6.3.1.1.5.1']);
    await waitUntil(() => t.kinds.length >= 1, 5000, 'the good trap');
    expect(t.kinds).toEqual(['cold-start']);
  });
});
