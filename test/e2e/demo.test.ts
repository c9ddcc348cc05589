import { afterAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../helpers/proc.js';
import { type DemoProcess, startDemoProcess } from './demo-process.js';

// `zoneops demo` as a newcomer runs it. Needs the daemon to poll and raise faults (createApp wiring).
let demo: DemoProcess | undefined;
afterAll(async () => {
  if (demo && demo.proc.exitCode === null) {
    demo.proc.kill('SIGKILL');
    await demo.exited;
  }
});

describe('zoneops demo', () => {
  it('prints its URLs, shows the first fault within 3 minutes and stops cleanly on SIGINT', {
    timeout: 240_000,
  }, async () => {
    const started = Date.now();
    demo = await startDemoProcess();
    const d = demo;
    const status = d.line('URL status:');
    expect(status).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(d.line('URL demo inbox:')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(d.line('URL metrics:')).toBe(`${status}metrics`);
    expect(d.line('Staff sign-in:')).toMatch(/^\S+ \/ PIN \d{4,}$/);
    const token = d.line('API token (technician):');
    expect(token.length).toBeGreaterThan(20);

    const metrics = await fetch(`${status}metrics`);
    expect(metrics.status).toBe(200);

    let first: { kind: string } | undefined;
    await waitUntil(
      async () => {
        const r = await fetch(`${status}api/v1/faults?state=active`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (r.status !== 200) return false;
        const body = (await r.json()) as { faults: Array<{ kind: string }> };
        first = body.faults[0];
        return first !== undefined;
      },
      180_000 - (Date.now() - started),
      'the first fault of the scripted day',
    );
    expect(['paper-out', 'unreachable', 'power-on-failed', 'cleaning-overdue']).toContain(first?.kind);

    d.proc.kill('SIGINT');
    const exit = await Promise.race([
      d.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('demo did not stop within 10 s')), 10_000),
      ),
    ]);
    expect(exit.code).toBe(0);
    expect(d.output()).toContain('Demo stopped.');
    // Its ports are closed again.
    await expect(fetch(`${status}healthz`)).rejects.toThrow();
  });
});
