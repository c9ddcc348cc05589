import { z } from 'zod';
import { integer, text } from '../fields.js';

/** The top-level `power:` section of the config. Every field has a default, so the section is optional. */
export const powerDefaults = {
  /** The local calendar override file (extra closures, events, next year's arrangement). */
  calendarFile: 'config/calendar.yaml',
  /** After switching on, the device must be reachable within this; after off, still on → staff told. */
  graceMinutes: 10,
  /** Start-ups are spaced this many seconds apart (no inrush when the zone opens). */
  staggerSeconds: 5,
  /** At most this many power commands per minute across the zone. */
  maxActionsPerMinute: 20,
  /** A printer still printing (or with queued jobs) this long after closing is reported to the staff. */
  interlockWaitMinutes: 15,
  /** How long one switch command may wait for the device's confirmation. */
  switchTimeoutSeconds: 60,
} as const;

export function powerSchema() {
  return z
    .strictObject({
      calendarFile: text('a file path').default(powerDefaults.calendarFile),
      graceMinutes: integer(1, 240).default(powerDefaults.graceMinutes),
      staggerSeconds: integer(0, 300).default(powerDefaults.staggerSeconds),
      maxActionsPerMinute: integer(1, 600).default(powerDefaults.maxActionsPerMinute),
      interlockWaitMinutes: integer(1, 720).default(powerDefaults.interlockWaitMinutes),
      switchTimeoutSeconds: integer(1, 600).default(powerDefaults.switchTimeoutSeconds),
    })
    .default({ ...powerDefaults });
}
