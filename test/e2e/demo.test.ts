import { afterAll, describe, expect, it } from 'vitest';
import { committedDashboards } from '../helpers/dashboards.js';
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
    // Everyone on the alert chain can sign in, each with a PIN of at least 6 digits (README "Security").
    for (const who of ['Staff sign-in:', 'B post sign-in:', 'Lead sign-in:', 'Technician sign-in:'])
      expect(d.line(who)).toMatch(/^\S+ \/ PIN \d{6,}$/);
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

    // Every series a town dashboard uses exists on the demo, so no panel is empty for a newcomer: the
    // fault histograms from the start (zeroed), the print queue from the demo's IPP printer.
    const { district: _, ...towns } = committedDashboards();
    const used = new Set(
      Object.values(towns).flatMap((x) =>
        x.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/\bzoneops_[a-z_]+/g) ?? [])),
      ),
    );
    let exposed = '';
    const absent = () => [...used].filter((m) => !new RegExp(`^${m}[{ ]`, 'm').test(exposed));
    const deadline = Date.now() + 60_000;
    do {
      exposed = await (await fetch(`${status}metrics`)).text();
      if (absent().length > 0) await new Promise((r) => setTimeout(r, 1000));
    } while (absent().length > 0 && Date.now() < deadline);
    // Named, so a failure says which series a newcomer would miss.
    expect(absent()).toEqual([]);
    expect(exposed).toMatch(/^zoneops_printer_queued_jobs\{device="printer-03",site="demo"\} 2$/m);

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
