import { z } from 'zod';
import { identifier, integer } from '../fields.js';
import { alsoAt, say, show } from '../problems.js';

/** How a PIN hash made by `zoneops web-pin-hash` looks: `scrypt$N$r$p$<salt b64url>$<hash b64url>`. */
export const pinHashPattern =
  /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/;

/**
 * The top-level `web:` section: staff sign-in for the pages and the public report limits. PINs are
 * only ever configured as scrypt hashes (make one with `zoneops web-pin-hash`), never in plain text.
 */
const webDefaults = {
  sessionMinutes: 600,
  lockout: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15, freeTries: 3 },
  listNames: true,
  publicReports: { perHour: 5, totalPerHour: 100 },
  secureCookies: false,
};

export function webSchema() {
  const account = z.strictObject({
    /** A `people[].id`. */
    person: identifier(),
    pinHash: z.custom<string>((v) => typeof v === 'string' && pinHashPattern.test(v), {
      error: (iss) =>
        iss.input === undefined
          ? say('required', '必填')
          : say(
              'expected a scrypt hash made by `zoneops web-pin-hash` (scrypt$N$r$p$salt$hash), never the PIN itself',
              '应为 `zoneops web-pin-hash` 生成的 scrypt 哈希（scrypt$N$r$p$盐$哈希），不能直接写密码',
            ),
    }),
    /** Overrides the role taken from the person (staff → staff, technician/lead → technician, admin → admin). */
    role: z.enum(['staff', 'technician', 'admin']).optional(),
  });
  return z
    .strictObject({
      accounts: z.array(account).default([]),
      /** A session ends this long after sign-in. */
      sessionMinutes: integer(5, 7 * 24 * 60).default(webDefaults.sessionMinutes),
      lockout: z
        .strictObject({
          maxFailures: integer(2, 50).default(webDefaults.lockout.maxFailures),
          windowMinutes: integer(1, 24 * 60).default(webDefaults.lockout.windowMinutes),
          lockMinutes: integer(1, 24 * 60).default(webDefaults.lockout.lockMinutes),
          /** Wrong PINs one address may make before each next try waits 5 s, 10 s, 20 s … (at most lockMinutes). */
          freeTries: integer(1, 20).default(webDefaults.lockout.freeTries),
        })
        .default({ ...webDefaults.lockout }),
      publicReports: z
        .strictObject({
          perHour: integer(1, 1000).default(webDefaults.publicReports.perHour),
          totalPerHour: integer(1, 100_000).default(webDefaults.publicReports.totalPerHour),
        })
        .default({ ...webDefaults.publicReports }),
      /** Mark cookies Secure: set when staff reach zoneops through an HTTPS reverse proxy. */
      secureCookies: z.boolean().default(webDefaults.secureCookies),
      /**
       * The sign-in page offers the staff's names to pick from (true, the default: quick on a phone for a
       * four-person office, but anyone who opens the page learns who has an account); false: staff type
       * their name, and the page shows none.
       */
      listNames: z.boolean().default(webDefaults.listNames),
    })
    .superRefine((w, ctx) => {
      const seen = new Map<string, number>();
      w.accounts.forEach((a, i) => {
        const prev = seen.get(a.person);
        if (prev !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['accounts', i, 'person'],
            message:
              say(`duplicate account for ${show(a.person)}`, `${show(a.person)} 的账号重复`) + alsoAt(prev),
          });
        }
        seen.set(a.person, i);
      });
    })
    .default({
      accounts: [],
      sessionMinutes: webDefaults.sessionMinutes,
      lockout: { ...webDefaults.lockout },
      publicReports: { ...webDefaults.publicReports },
      secureCookies: webDefaults.secureCookies,
      listNames: webDefaults.listNames,
    });
}

export type WebConfig = z.output<ReturnType<typeof webSchema>>;
