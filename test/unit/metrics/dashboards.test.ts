import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboards } from '../../../scripts/grafana/dashboards.js';
import { repoRoot } from '../../helpers/cli.js';

const dir = join(repoRoot, 'grafana/dashboards');

describe('Grafana dashboards', () => {
  it('the committed JSON is what scripts/grafana/dashboards.ts generates (run `npm run dashboards`)', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toEqual(
      Object.keys(dashboards)
        .map((n) => `${n}.json`)
        .sort(),
    );
    for (const [name, d] of Object.entries(dashboards)) {
      expect(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'))).toEqual(
        JSON.parse(JSON.stringify(d)),
      );
    }
  });

  it('every dashboard has site and device variables, a Chinese title and an English description', () => {
    for (const d of Object.values(dashboards)) {
      const names = d.templating.list.map((v) => v.name);
      expect(names).toContain('site');
      expect(names).toContain('device');
      expect(d.title).toMatch(/[\u4e00-\u9fff]/);
      expect(d.description).toMatch(/^[A-Z][A-Za-z &,:/()-]+/);
      for (const p of d.panels) {
        expect(p.title).toMatch(/[\u4e00-\u9fff]/);
        expect(p.description.length).toBeGreaterThan(10);
        for (const t of p.targets) expect(t.expr).toMatch(/site=~"\$site"/);
      }
    }
  });

  it('panels do not overlap on the 24-column grid', () => {
    for (const d of Object.values(dashboards)) {
      const cells = new Set<string>();
      for (const p of d.panels) {
        const { x, y, w, h } = p.gridPos;
        expect(x + w).toBeLessThanOrEqual(24);
        for (let i = x; i < x + w; i++)
          for (let j = y; j < y + h; j++) {
            const key = `${i},${j}`;
            expect(cells.has(key), `${d.uid} panel ${p.title} overlaps at ${key}`).toBe(false);
            cells.add(key);
          }
      }
    }
  });
});
