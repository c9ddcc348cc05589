import { describe, expect, it } from 'vitest';
import { decodeErrorState, errorStateConditions } from '../../../src/probes/snmp/error-state.js';

describe('hrPrinterDetectedErrorState (bit 0 = MSB of the first octet)', () => {
  it('decodes each bit of the one-byte form', () => {
    expect(decodeErrorState(Buffer.from([0x80]))).toEqual(['lowPaper']);
    expect(decodeErrorState(Buffer.from([0x40]))).toEqual(['noPaper']);
    expect(decodeErrorState(Buffer.from([0x20]))).toEqual(['lowToner']);
    expect(decodeErrorState(Buffer.from([0x10]))).toEqual(['noToner']);
    expect(decodeErrorState(Buffer.from([0x08]))).toEqual(['doorOpen']);
    expect(decodeErrorState(Buffer.from([0x04]))).toEqual(['jammed']);
    expect(decodeErrorState(Buffer.from([0x02]))).toEqual(['offline']);
    expect(decodeErrorState(Buffer.from([0x01]))).toEqual(['serviceRequested']);
  });

  it('decodes the second octet (bits 8-14)', () => {
    expect(decodeErrorState(Buffer.from([0x00, 0x80]))).toEqual(['inputTrayMissing']);
    expect(decodeErrorState(Buffer.from([0x00, 0x40]))).toEqual(['outputTrayMissing']);
    expect(decodeErrorState(Buffer.from([0x00, 0x20]))).toEqual(['markerSupplyMissing']);
    expect(decodeErrorState(Buffer.from([0x00, 0x10]))).toEqual(['outputNearFull']);
    expect(decodeErrorState(Buffer.from([0x00, 0x08]))).toEqual(['outputFull']);
    expect(decodeErrorState(Buffer.from([0x00, 0x04]))).toEqual(['inputTrayEmpty']);
    expect(decodeErrorState(Buffer.from([0x00, 0x02]))).toEqual(['overduePreventMaint']);
    // bit 15 is unassigned
    expect(decodeErrorState(Buffer.from([0x00, 0x01]))).toEqual([]);
  });

  it('reads the real values from the recordings', () => {
    // sharp.snmprec: 4x|2000 → lowToner
    expect(decodeErrorState(Buffer.from('2000', 'hex'))).toEqual(['lowToner']);
    // konica_c250i.snmprec: 4x|0100 → serviceRequested
    expect(decodeErrorState(Buffer.from('0100', 'hex'))).toEqual(['serviceRequested']);
    // epson.snmprec: empty string → nothing
    expect(decodeErrorState(Buffer.alloc(0))).toEqual([]);
  });

  it('combines bits and maps them onto the shared conditions', () => {
    const bits = decodeErrorState(Buffer.from([0x44, 0x08]));
    expect(bits).toEqual(['noPaper', 'jammed', 'outputFull']);
    expect(errorStateConditions(bits).map((c) => c.name)).toEqual(['paper-out', 'jam', 'output-full']);
  });
});
