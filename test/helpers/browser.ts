import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { requireBinary } from './proc.js';

export const chromiumPath = '/usr/bin/chromium';

/**
 * Debian's headless Chromium with a fresh profile, on loopback only. It is kept off D-Bus: the IPP tests
 * start and stop the system bus for ippeveprinter (test/helpers/ipp-peer.ts), and a Chromium attached to
 * that bus aborts ("D-Bus connection was disconnected") when it goes away in the middle of a page test.
 */
export async function launchChromium(
  options: Parameters<typeof chromium.launchPersistentContext>[1] = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  requireBinary(chromiumPath);
  const profileDir = mkdtempSync(join(tmpdir(), 'zoneops-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    env: {
      ...process.env,
      DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/nonexistent/zoneops-no-system-bus',
      DBUS_SESSION_BUS_ADDRESS: 'disabled:',
    },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** axe-core's own build, evaluated in the page over CDP (so the pages' CSP need not allow it). */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.x A and AA rules) on the page as it is now; the violations, one per rule. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResults> } })
      .axe;
    type AxeResults = {
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: string[] }>;
      }>;
    };
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/**
 * How far the page is wider than its viewport, in CSS pixels (0 = no horizontal scrolling), optionally
 * with the text made `textPercent` % of the browser default (the root font size, as a user's text-size
 * setting does; the pages size everything in rem/em).
 */
export async function horizontalOverflow(page: Page, textPercent = 100): Promise<number> {
  return page.evaluate((pct) => {
    type Root = { style: { fontSize: string }; scrollWidth: number; clientWidth: number };
    const root = (globalThis as unknown as { document: { documentElement: Root } }).document.documentElement;
    root.style.fontSize = `${pct}%`;
    const over = root.scrollWidth - root.clientWidth;
    root.style.fontSize = '';
    return over;
  }, textPercent);
}
