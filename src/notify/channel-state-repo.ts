import { createHash, randomBytes } from 'node:crypto';
import { Secret } from '../config/secret.js';
import type { Database } from '../store/db.js';

export interface ChannelState {
  readonly channel: string;
  readonly fingerprint: string;
  /** Set while the channel is held after a permanent (configuration) error. */
  readonly heldSince: number | null;
  readonly heldError: string | null;
  /** The platform asked us to wait until then (DingTalk blocks a robot for 10 minutes). */
  readonly blockedUntil: number | null;
}

interface Raw {
  channel: string;
  fingerprint: string;
  held_since: number | null;
  held_error: string | null;
  blocked_until: number | null;
}

/**
 * A salted SHA-256 of a notifier's configuration with its secrets revealed: it changes when the key,
 * token, secret, URL or anything else of the channel changes, so a held channel is released by a
 * fixed config; the salt (random per channel) keeps a short secret from being guessed from the hash.
 */
export function configFingerprint(config: unknown, salt = randomBytes(16).toString('hex')): string {
  const plain = JSON.stringify(config, (_k, v: unknown) =>
    v instanceof Secret ? `secret:${v.reveal()}` : v,
  );
  return `${salt}$${createHash('sha256').update(`${salt}\u0000${plain}`).digest('hex')}`;
}

export function sameConfig(config: unknown, fingerprint: string): boolean {
  const salt = fingerprint.split('$')[0] ?? '';
  return configFingerprint(config, salt) === fingerprint;
}

/** One row per notifier (table notify_channels): held state and throttle block survive a restart. */
export class ChannelStateRepo {
  constructor(private readonly db: Database) {}

  async all(): Promise<Map<string, ChannelState>> {
    const rows = await this.db.all<Raw>('SELECT * FROM notify_channels');
    return new Map(
      rows.map((r) => [
        r.channel,
        {
          channel: r.channel,
          fingerprint: r.fingerprint,
          heldSince: r.held_since,
          heldError: r.held_error,
          blockedUntil: r.blocked_until,
        },
      ]),
    );
  }

  /** The channel's config as it is now; `release` also clears a hold (the config was fixed). */
  async setFingerprint(channel: string, fingerprint: string, now: number, release: boolean): Promise<void> {
    await this.db.run(
      `INSERT INTO notify_channels (channel, fingerprint, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(channel) DO UPDATE SET fingerprint = excluded.fingerprint, updated_at = excluded.updated_at,
         held_since = CASE WHEN ? THEN NULL ELSE held_since END,
         held_error = CASE WHEN ? THEN NULL ELSE held_error END`,
      [channel, fingerprint, now, release ? 1 : 0, release ? 1 : 0],
    );
  }

  async hold(channel: string, now: number, error: string): Promise<void> {
    await this.db.run(
      'UPDATE notify_channels SET held_since = ?, held_error = ?, updated_at = ? WHERE channel = ?',
      [now, error.slice(0, 500), now, channel],
    );
  }

  async release(channel: string, now: number): Promise<void> {
    await this.db.run(
      'UPDATE notify_channels SET held_since = NULL, held_error = NULL, updated_at = ? WHERE channel = ?',
      [now, channel],
    );
  }

  async block(channel: string, until: number, now: number): Promise<void> {
    await this.db.run('UPDATE notify_channels SET blocked_until = ?, updated_at = ? WHERE channel = ?', [
      until,
      now,
      channel,
    ]);
  }
}
