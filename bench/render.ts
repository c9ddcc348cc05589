/** `npx tsx bench/render.ts [--out DIR]`: re-renders results.md from results.json (e.g. after editing findings.md). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argOf } from './lib/child.js';
import { renderMarkdown } from './report.js';
import type { BenchResults } from './run.js';

const out = argOf('out', fileURLToPath(new URL('.', import.meta.url)));
const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchResults;
writeFileSync(join(out, 'results.md'), renderMarkdown(results));
