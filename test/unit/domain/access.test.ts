import { describe, expect, it } from 'vitest';
import {
  mayBackdateDuty,
  mayContactVendor,
  mayEditDuty,
  mayHandleComplaints,
  mayOverride,
  mayResolve,
  mayViewContact,
  roleAtLeast,
  routeFor,
} from '../../../src/domain/access.js';

/**
 * Who may do what (src/domain/access.ts), written out as the zone's rules: staff < technician < admin;
 * the server's command line has an admin's power, a device (hygiene button) none.
 */
type Who = 'device' | 'staff' | 'technician' | 'admin' | 'cli';
const everyone: Who[] = ['device', 'staff', 'technician', 'admin', 'cli'];

describe('roleAtLeast: the ordering device < staff < technician < admin = cli', () => {
  const table: [Who, 'staff' | 'technician' | 'admin', boolean][] = [
    ['device', 'staff', false],
    ['device', 'technician', false],
    ['device', 'admin', false],
    ['staff', 'staff', true],
    ['staff', 'technician', false],
    ['staff', 'admin', false],
    ['technician', 'staff', true],
    ['technician', 'technician', true],
    ['technician', 'admin', false],
    ['admin', 'staff', true],
    ['admin', 'technician', true],
    ['admin', 'admin', true],
    ['cli', 'staff', true],
    ['cli', 'technician', true],
    ['cli', 'admin', true],
  ];
  it.each(table)('%s has at least %s: %s', (have, need, expected) => {
    expect(roleAtLeast(have, need)).toBe(expected);
  });
});

describe('routeFor: the configured route, else the default table', () => {
  it('a configured route wins over the default', () => {
    expect(routeFor({ 'paper-out': ['technician', 'lead'] }, 'paper-out')).toEqual(['technician', 'lead']);
  });
  it('an unconfigured kind keeps the seed rule', () => {
    expect(routeFor({ 'paper-out': ['technician'] }, 'toner-low')).toEqual(['on-duty']);
    expect(routeFor({}, 'unreachable')).toEqual(['technician']);
    expect(routeFor({}, 'software-changed')).toEqual(['technician', 'lead']);
  });
});

describe('mayResolve: attendants close what is theirs, the technician what is routed to them', () => {
  const table: [Who, Parameters<typeof mayResolve>[1], boolean][] = [
    ['staff', 'paper-out', true],
    ['staff', 'toner-low', true],
    ['staff', 'jam', true],
    ['staff', 'cleaning-overdue', true],
    ['staff', 'unreachable', false],
    ['staff', 'printer-stopped', false],
    ['staff', 'plug-overload', false],
    ['staff', 'software-changed', false],
    ['device', 'unreachable', false],
    ['technician', 'unreachable', true],
    ['technician', 'paper-out', true],
    ['admin', 'hardware-changed', true],
    ['cli', 'offline', true],
  ];
  it.each(table)('%s resolving %s (default routes): %s', (role, kind, expected) => {
    expect(mayResolve({ role }, kind, {})).toBe(expected);
  });
  it('follows the configured route: paper-out routed to the technician is no longer staff work', () => {
    expect(mayResolve({ role: 'staff' }, 'paper-out', { 'paper-out': ['technician'] })).toBe(false);
    expect(mayResolve({ role: 'technician' }, 'paper-out', { 'paper-out': ['technician'] })).toBe(true);
    expect(mayResolve({ role: 'staff' }, 'unreachable', { unreachable: ['on-duty'] })).toBe(true);
  });
});

describe('vendor contact, complaints, backdating: by role', () => {
  const table: [Who, boolean, boolean, boolean][] = [
    // who, contact vendor / handle complaints, backdate duty
    ['device', false, false, false],
    ['staff', false, false, false],
    ['technician', true, true, false],
    ['admin', true, true, true],
    ['cli', true, true, true],
  ];
  it.each(table)('%s: vendor %s, backdate %s', (role, technicianWork, _same, backdate) => {
    expect(mayContactVendor({ role })).toBe(technicianWork);
    expect(mayHandleComplaints({ role })).toBe(technicianWork);
    expect(mayBackdateDuty({ role })).toBe(backdate);
  });
});

describe('mayOverride: staff keep on a while longer; forcing on/off needs a technician', () => {
  const table: [Who, 'keep-on' | 'force-on' | 'force-off', boolean][] = [
    ['staff', 'keep-on', true],
    ['staff', 'force-on', false],
    ['staff', 'force-off', false],
    ['device', 'force-off', false],
    ['technician', 'keep-on', true],
    ['technician', 'force-on', true],
    ['technician', 'force-off', true],
    ['admin', 'force-off', true],
  ];
  it.each(table)('%s %s: %s', (role, kind, expected) => {
    expect(mayOverride({ role }, kind)).toBe(expected);
  });
});

describe('mayViewContact: complaint handlers and the staff member it is assigned to', () => {
  it('handlers see every contact, assigned or not', () => {
    for (const role of ['technician', 'admin', 'cli'] as const) {
      expect(mayViewContact({ role }, null)).toBe(true);
      expect(mayViewContact({ role, personId: 'p1' }, 'p2')).toBe(true);
    }
  });
  it('staff see it only when it is assigned to them', () => {
    expect(mayViewContact({ role: 'staff', personId: 'p1' }, 'p1')).toBe(true);
    expect(mayViewContact({ role: 'staff', personId: 'p1' }, 'p2')).toBe(false);
    expect(mayViewContact({ role: 'staff', personId: 'p1' }, null)).toBe(false);
    // An API token is nobody in particular: it never matches an assignment.
    expect(mayViewContact({ role: 'staff' }, null)).toBe(false);
  });
  it('a device never sees it, even with a matching id', () => {
    expect(mayViewContact({ role: 'device', personId: 'p1' }, 'p1')).toBe(false);
  });
});

describe('mayEditDuty: the rota is the technician’s; a one-day absence is open to staff', () => {
  it.each(everyone)('%s', (role) => {
    const atLeastStaff = role !== 'device';
    const atLeastTech = role === 'technician' || role === 'admin' || role === 'cli';
    expect(mayEditDuty({ role })).toBe(atLeastTech);
    expect(mayEditDuty({ role }, false)).toBe(atLeastTech);
    expect(mayEditDuty({ role }, true)).toBe(atLeastStaff);
  });
});
