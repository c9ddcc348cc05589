import type { PersonConfig } from '../config/schema.js';
import { escalationLevels } from '../domain/routing.js';

/**
 * The on-duty chain complaint notices go to: today the `on-duty` route of domain/routing.ts (A post →
 * B post → lead), without the people marked absent today. The duty rota ("On duty", issue 17) replaces
 * this one function; everything else asks it.
 */
export function onDutyChain(people: readonly PersonConfig[], absent: ReadonlySet<string>): PersonConfig[][] {
  return escalationLevels(['on-duty'], people)
    .map((level) => level.filter((p) => !absent.has(p.id)))
    .filter((level) => level.length > 0);
}
