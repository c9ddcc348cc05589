#!/usr/bin/env node
// The zoneops command. The TypeScript sources are compiled to dist/ by `npm ci` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('zoneops: dist/ is missing; run `npm run build` (npm ci does it) first\n');
  process.exit(1);
}
process.setSourceMapsEnabled(true);
const { main } = await import(entry.href);
await main(process.argv);
