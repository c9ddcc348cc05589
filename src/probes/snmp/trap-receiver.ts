import snmp, { type TrapNotification } from 'net-snmp';
import type { Secret } from '../../config/secret.js';
import { oid } from './oids.js';

/**
 * Listens for traps and turns the interesting ones (Printer-MIB alerts, linkDown, coldStart)
 * into "poll this device now". Everything else is ignored. Off by default.
 */
type TrapKind = 'printer-alert' | 'link-down' | 'cold-start';

interface TrapReceiverDeps {
  readonly host: string;
  readonly port: number;
  readonly communities: readonly Secret[];
  /** Called with the sender's address and what it reported. */
  readonly onTrap: (source: string, kind: TrapKind) => void;
  readonly onError?: (message: string) => void;
}

export interface TrapReceiver {
  start(): Promise<void>;
  stop(): Promise<void>;
}

// v1 generic-trap numbers (RFC 1157)
const v1Generic: Readonly<Record<number, TrapKind>> = { 0: 'cold-start', 2: 'link-down' };

/** Pure: which trap this is, from the PDU net-snmp hands us. */
function trapKind(pdu: TrapNotification['pdu'] & { generic?: number; specific?: number }): TrapKind | null {
  if (pdu.type === 164 /* v1 Trap-PDU */) {
    if (pdu.enterprise?.replace(/^\./, '') === '1.3.6.1.2.1.43.18.2' && pdu.specific === 1)
      return 'printer-alert';
    return pdu.generic !== undefined ? (v1Generic[pdu.generic] ?? null) : null;
  }
  const trapOid = pdu.varbinds.find((vb) => vb.oid.replace(/^\./, '') === oid.snmpTrapOID)?.value;
  const t = typeof trapOid === 'string' ? trapOid.replace(/^\./, '') : null;
  if (t === oid.printerV2Alert) return 'printer-alert';
  if (t === oid.linkDown) return 'link-down';
  if (t === oid.coldStart) return 'cold-start';
  return null;
}

export function createTrapReceiver(deps: TrapReceiverDeps): TrapReceiver {
  let receiver: ReturnType<typeof snmp.createReceiver> | null = null;
  return {
    async start() {
      receiver = snmp.createReceiver(
        { port: deps.port, address: deps.host, transport: 'udp4' },
        (err, data) => {
          if (err || !data) {
            // Bad packets from the network are data, not a crash.
            deps.onError?.(err ? err.message : 'empty notification');
            return;
          }
          const kind = trapKind(data.pdu);
          if (kind) deps.onTrap(data.rinfo.address, kind);
        },
      );
      const auth = receiver.getAuthorizer();
      for (const c of deps.communities) auth.addCommunity(c.reveal());
    },
    async stop() {
      const r = receiver;
      receiver = null;
      if (r) await new Promise<void>((resolve) => r.close(() => resolve()));
    },
  };
}

/** The usual onTrap: find the device by its configured host (an IPv4 address) and poll it now. */
export function pollOnTrap(poller: {
  deviceForHost(host: string): string | undefined;
  pollNow(id: string): Promise<unknown>;
}): TrapReceiverDeps['onTrap'] {
  return (source) => {
    const id = poller.deviceForHost(source);
    if (id) void poller.pollNow(id);
  };
}
