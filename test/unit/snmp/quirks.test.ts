import { describe, expect, it } from 'vitest';
import { quirks, quirksFor } from '../../../src/probes/snmp/quirks.js';

describe('the quirk table', () => {
  it('names the vendor behaviour and the handling in every row', () => {
    for (const q of quirks) {
      expect(q.vendor.length).toBeGreaterThan(2);
      expect(q.behaviour.length).toBeGreaterThan(20);
      expect(q.handling.length).toBeGreaterThan(10);
    }
    expect(new Set(quirks.map((q) => q.id)).size).toBe(quirks.length);
  });

  it('matches vendors by sysObjectID enterprise or sysDescr', () => {
    const ids = (sysDescr: string, sysObjectID: string | null) =>
      quirksFor({ sysDescr, sysObjectID }).map((q) => q.id);
    expect(ids('x', '1.3.6.1.4.1.367.1.1')).toContain('ricoh-coarse-levels');
    expect(ids('TA_UTAX Printing System', null)).toContain('kyocera-space-error-state');
    expect(ids('HP ETHERNET MULTI-ENVIRONMENT', '1.3.6.1.4.1.11.2.3.9.1')).toContain('laserjet-out-of-order');
    expect(ids('Canon LBP6670 /P', '1.3.6.1.4.1.1602.4.2')).toContain('canon-step-levels');
    // 1.3.6.1.4.1.3670 is not Ricoh (367)
    expect(ids('x', '1.3.6.1.4.1.3670.1')).not.toContain('ricoh-coarse-levels');
  });

  it('the Kyocera row turns a lone space into "no error" and leaves real bits alone', () => {
    const k = quirks.find((q) => q.id === 'kyocera-space-error-state');
    expect(k?.errorState?.(Buffer.from(' '))).toEqual(Buffer.from([0]));
    expect(k?.errorState?.(Buffer.from([0x20, 0x00]))).toEqual(Buffer.from([0x20, 0x00]));
  });
});
