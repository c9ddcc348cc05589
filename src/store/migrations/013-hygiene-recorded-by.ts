import type { Migration } from './migration.js';

export const m013: Migration = {
  version: 13,
  name: 'hygiene-recorded-by',
  sql: `
    -- Who entered a record (the signed-in account, the API token, the button), next to actor: who the
    -- record says did the work. Older records have none (NULL).
    ALTER TABLE hygiene_records ADD COLUMN recorded_by TEXT;
  `,
};
