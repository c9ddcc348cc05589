import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
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
