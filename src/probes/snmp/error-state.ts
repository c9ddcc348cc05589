import { type Condition, condition } from '../../domain/conditions.js';

/**
 * hrPrinterDetectedErrorState (RFC 3805 §2.2.13.4, updating RFC 2790): an OCTET STRING whose
 * bit 0 is the MOST significant bit of the first octet. Devices send one octet (bits 0-7) or two
 * (bits 8-15 too); anything beyond is ignored.
 */
const errorStateBits = [
  'lowPaper',
  'noPaper',
  'lowToner',
  'noToner',
  'doorOpen',
  'jammed',
  'offline',
  'serviceRequested',
  'inputTrayMissing',
  'outputTrayMissing',
  'markerSupplyMissing',
  'outputNearFull',
  'outputFull',
  'inputTrayEmpty',
  'overduePreventMaint',
] as const;
export type ErrorStateBit = (typeof errorStateBits)[number];

export function decodeErrorState(bytes: Uint8Array): ErrorStateBit[] {
  const out: ErrorStateBit[] = [];
  errorStateBits.forEach((name, bit) => {
    const octet = bytes[bit >> 3];
    if (octet !== undefined && (octet & (0x80 >> (bit & 7))) !== 0) out.push(name);
  });
  return out;
}

/** The shared condition for each bit (inputTrayEmpty has none: one empty tray is not "no paper"). */
const conditionOf: Readonly<Record<ErrorStateBit, () => Condition>> = {
  lowPaper: () => condition('paper-low'),
  noPaper: () => condition('paper-out'),
  lowToner: () => condition('toner-low'),
  noToner: () => condition('toner-out'),
  doorOpen: () => condition('door-open'),
  jammed: () => condition('jam'),
  offline: () => condition('offline'),
  serviceRequested: () => condition('service-requested'),
  inputTrayMissing: () => condition('input-tray-missing'),
  outputTrayMissing: () => condition('output-tray-missing'),
  markerSupplyMissing: () => condition('marker-supply-missing'),
  outputNearFull: () => condition('output-near-full'),
  outputFull: () => condition('output-full'),
  inputTrayEmpty: () => ({ name: 'snmp:input-tray-empty', severity: 'warning' }),
  overduePreventMaint: () => condition('maintenance-due'),
};

export function errorStateConditions(bits: readonly ErrorStateBit[]): Condition[] {
  return bits.map((b) => conditionOf[b]());
}
