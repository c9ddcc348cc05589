import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboards } from '../../../scripts/grafana/dashboards.js';
import { committedDashboards, dashboardDir as dir } from '../../helpers/dashboards.js';

const committed = committedDashboards();

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

  it('every dashboard has a site variable (and device, but the district one), a Chinese title and an English description', () => {
    for (const [name, d] of Object.entries(committed)) {
      const names = d.templating.list.map((v) => v.name);
      expect(names).toContain('site');
      if (name !== 'district') expect(names).toContain('device');
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
    for (const d of Object.values(committed)) {
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

  it('the district overview drills down to each town’s own overview and links to the town dashboards', () => {
    const district = committed.district;
    const uids = new Set(Object.values(committed).map((d) => d.uid));
    expect(district?.links?.[0]).toMatchObject({ type: 'dashboards', tags: ['zoneops'] });
    for (const p of district?.panels ?? []) {
      const links = p.fieldConfig?.defaults?.links ?? [];
      expect(links.length, p.title).toBeGreaterThan(0);
      for (const l of links) {
        // Grafana data links: ${__field.labels.site} is the clicked series' town.
        expect(l.url).toMatch(/^\/d\/([a-z-]+)\?var-site=\$\{__field\.labels\.site\}/);
        expect(uids.has(/^\/d\/([a-z-]+)/.exec(l.url)?.[1] ?? '')).toBe(true);
      }
      for (const t of p.targets) expect(t.expr, p.title).toMatch(/by \(site[,)]|site:zoneops_/);
    }
  });
});
