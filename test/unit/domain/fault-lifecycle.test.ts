import { describe, expect, it } from 'vitest';
import { type FaultAction, type FaultState, transition } from '../../../src/domain/fault-lifecycle.js';

/**
 * Every state × action of the fault lifecycle (src/domain/fault-lifecycle.ts), written out by hand:
 * open → acknowledged → vendor-contacted → resolved, or cleared when the condition goes by itself; once the
 * vendor is involved only the technician closes it; only a cleared fault reopens.
 */
const table: Record<FaultState, Record<FaultAction, FaultState | string>> = {
  open: {
    ack: 'acknowledged',
    'vendor-contact': 'vendor-contacted',
    resolve: 'resolved',
    clear: 'cleared',
    reopen: 'fault is open; only a cleared fault reopens',
  },
  acknowledged: {
    ack: 'fault is acknowledged; only an open fault can be acknowledged',
    'vendor-contact': 'vendor-contacted',
    resolve: 'resolved',
    clear: 'cleared',
    reopen: 'fault is acknowledged; only a cleared fault reopens',
  },
  'vendor-contacted': {
    ack: 'fault is vendor-contacted; only an open fault can be acknowledged',
    'vendor-contact': 'vendor-contacted',
    resolve: 'resolved',
    clear: 'fault is vendor-contacted; it stays until the technician resolves it',
    reopen: 'fault is vendor-contacted; only a cleared fault reopens',
  },
  resolved: {
    ack: 'fault is resolved; only an open fault can be acknowledged',
    'vendor-contact': 'fault is resolved; it is already closed',
    resolve: 'fault is resolved; it is already closed',
    clear: 'fault is resolved; it stays until the technician resolves it',
    reopen: 'fault is resolved; only a cleared fault reopens',
  },
  cleared: {
    ack: 'fault is cleared; only an open fault can be acknowledged',
    'vendor-contact': 'fault is cleared; it is already closed',
    resolve: 'fault is cleared; it is already closed',
    clear: 'fault is cleared; it stays until the technician resolves it',
    reopen: 'open',
  },
};
const states = Object.keys(table) as FaultState[];

describe('fault lifecycle', () => {
  for (const from of states)
    for (const [action, expected] of Object.entries(table[from]) as Array<[FaultAction, string]>)
      it(`${from} + ${action} → ${expected}`, () => {
        expect(transition(from, action)).toEqual(
          states.includes(expected as FaultState)
            ? { ok: true, value: expected }
            : { ok: false, error: expected },
        );
      });
});
