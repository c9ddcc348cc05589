import { tokens } from './daemon.js';

/**
 * Every secret the reliability zones are configured with (ours, test-only). The final project's secrets
 * check (test/final/secrets.test.ts) greps this run's captures for each of them.
 */
export const secrets = {
  community: 'rel-secret-community-91',
  v3auth: 'rel-secret-v3auth-key-33',
  v3priv: 'rel-secret-v3priv-key-44',
  webhookSecret: 'rel-secret-webhook-55',
  wecomKey: 'rel-secret-wecom-key-66',
  dingToken: 'rel-secret-ding-token-77',
  dingSecret: 'SECrel-secret-ding-88',
  smtpPassword: 'rel-secret-smtp-pass-99',
  pin: '864209',
  /** faults-daemon.test.ts's SNMP community. */
  daemonCommunity: 'rel-community-7731',
  staffToken: tokens.staff,
  techToken: tokens.technician,
  adminToken: tokens.admin,
};
