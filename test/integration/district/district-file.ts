import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** Writes a district file (deploy/district/) into a fresh temp dir: the office and `more` (towns, mqtt, …). */
export function writeDistrictFile(more: Record<string, unknown>, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-district-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const file = join(dir, 'district.yaml');
  const office = {
    name: '区政务公开办',
    receiver: { webhook_configs: [{ url: 'http://127.0.0.1:9/office' }] },
  };
  writeFileSync(file, stringify({ district: '测试区', office, ...more }));
  return file;
}
