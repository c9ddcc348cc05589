import { err, ok, type Result } from './result.js';

/**
 * The fault lifecycle (pure): open → acknowledged → vendor-contacted → resolved, or cleared when the
 * condition goes away by itself. A vendor-contacted fault stays open until the technician resolves it:
 * the repair is in someone's hands even if the device looks fine for a while.
 */
export const faultStates = ['open', 'acknowledged', 'vendor-contacted', 'resolved', 'cleared'] as const;
export type FaultState = (typeof faultStates)[number];

export type FaultAction = 'ack' | 'vendor-contact' | 'resolve' | 'clear' | 'reopen';

function isClosed(state: FaultState): boolean {
  return state === 'resolved' || state === 'cleared';
}

type Transition = Result<FaultState>;

export function transition(from: FaultState, action: FaultAction): Transition {
  const refuse = (reason: string): Transition => err(reason);
  switch (action) {
    case 'ack':
      if (from === 'open') return ok('acknowledged');
      return refuse(`fault is ${from}; only an open fault can be acknowledged`);
    case 'vendor-contact':
      if (from === 'open' || from === 'acknowledged' || from === 'vendor-contacted')
        return ok('vendor-contacted');
      return refuse(`fault is ${from}; it is already closed`);
    case 'resolve':
      if (!isClosed(from)) return ok('resolved');
      return refuse(`fault is ${from}; it is already closed`);
    case 'clear':
      // The condition went away. Once the vendor is involved, only the technician closes the fault.
      if (from === 'open' || from === 'acknowledged') return ok('cleared');
      return refuse(`fault is ${from}; it stays until the technician resolves it`);
    case 'reopen':
      if (from === 'cleared') return ok('open');
      return refuse(`fault is ${from}; only a cleared fault reopens`);
  }
}

/** A fault opened or moved through its lifecycle (event bus: `fault-opened`, `fault-changed`). */
export interface FaultEvent {
  readonly faultId: number;
  readonly deviceId: string;
  readonly kind: string;
  readonly severity: string;
  readonly state: FaultState;
  readonly at: number;
}
