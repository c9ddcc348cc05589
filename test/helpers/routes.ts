import type { Express } from 'express';

/** One route the app serves: its method and its path pattern (`/api/v1/faults/:id/ack`). */
export interface ServedRoute {
  readonly method: string;
  readonly path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string | string[];
}

/**
 * Every route of an express app, read from its router stacks (Express 5: `app.router.stack`; a mounted
 * router is a layer with its own `handle.stack` and the mount path in `rawPath`), so a test can know it
 * covers them all: a route added to any router shows up here without anyone listing it.
 */
export function servedRoutes(app: Express): ServedRoute[] {
  const out: ServedRoute[] = [];
  const walk = (stack: readonly Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const method of Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m])) {
          for (const p of paths) out.push({ method: method.toUpperCase(), path: `${prefix}${p}` });
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, `${prefix}${mount}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  // A route defined twice (GET /login for the page and its early refusal) is one route.
  return [...new Map(out.map((r) => [`${r.method} ${r.path}`, r])).values()];
}
