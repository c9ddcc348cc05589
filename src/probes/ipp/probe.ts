import { randomInt } from 'node:crypto';
import type { Observation, ProbeProblem } from '../../domain/observation.js';
import type { SupplyThresholds } from '../../domain/supply-rules.js';
import { decodeIppMessage, IppDecodeError, type IppMessage } from './codec.js';
import { type IppReading, readPrinterAttributes } from './reading.js';
import {
  describeStatus,
  getPrinterAttributesRequest,
  type IppVersion,
  isSuccess,
  VERSION_NOT_SUPPORTED,
} from './request.js';
import { ippObservation, unreachableObservation } from './to-observation.js';
import { postIpp, type TlsPolicy } from './transport.js';

export interface IppTarget {
  readonly deviceId: string;
  /** ipp://host[:port]/path or ipps://… */
  readonly uri: string;
  readonly tls?: TlsPolicy | undefined;
  readonly timeoutMs: number;
}

export interface IppProbeResult {
  readonly observation: Observation;
  /** The full IPP reading (reasons with severities, markers, uuid, up-time, counters); null when unreachable. */
  readonly reading: IppReading | null;
}

/**
 * One Get-Printer-Attributes round trip → an Observation. Never throws for anything the printer or
 * the network does: every failure is an unreachable Observation with a one-line problem. A printer
 * that answers server-error-version-not-supported to IPP 2.0 is asked once more in IPP 1.1 (older
 * office printers only speak 1.1).
 */
export async function probeIpp(
  target: IppTarget,
  deps: { now: () => number; signal?: AbortSignal; supplies?: SupplyThresholds },
): Promise<IppProbeResult> {
  const deadline = Date.now() + target.timeoutMs;
  let outcome = await exchange(target, '2.0', target.timeoutMs, deps.signal);
  if (!outcome.ok && outcome.status === VERSION_NOT_SUPPORTED) {
    const left = Math.max(1, deadline - Date.now());
    outcome = await exchange(target, '1.1', left, deps.signal);
  }
  const at = deps.now();
  if (!outcome.ok)
    return { observation: unreachableObservation(target.deviceId, at, outcome.problem), reading: null };
  const reading = readPrinterAttributes(outcome.message, deps.supplies);
  return { observation: ippObservation(target.deviceId, at, reading), reading };
}

type Exchange = { ok: true; message: IppMessage } | { ok: false; problem: ProbeProblem; status?: number };

async function exchange(
  target: IppTarget,
  version: IppVersion,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Exchange> {
  const requestId = randomInt(1, 0x7fffffff);
  const body = getPrinterAttributesRequest(target.uri, requestId, version);
  const posted = await postIpp(target.uri, body, { timeoutMs, tls: target.tls, signal });
  if (!posted.ok) return posted;
  let message: IppMessage;
  try {
    message = decodeIppMessage(posted.body);
  } catch (err) {
    if (!(err instanceof IppDecodeError)) throw err;
    return {
      ok: false,
      problem: { reason: 'protocol', message: `bad IPP answer from ${hostOf(target.uri)}: ${err.message}` },
    };
  }
  if (message.requestId !== requestId) {
    return {
      ok: false,
      problem: {
        reason: 'protocol',
        message: `IPP answer from ${hostOf(target.uri)} is for request ${message.requestId}, not ${requestId}`,
      },
    };
  }
  if (!isSuccess(message.code)) {
    return {
      ok: false,
      status: message.code,
      problem: {
        reason: 'protocol',
        message: `${hostOf(target.uri)} answered IPP ${version} Get-Printer-Attributes with ${describeStatus(message.code)}`,
      },
    };
  }
  return { ok: true, message };
}

function hostOf(uri: string): string {
  const url = new URL(uri);
  return `${url.hostname}:${url.port === '' ? 631 : url.port}`;
}
