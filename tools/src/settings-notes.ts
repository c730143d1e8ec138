/** What a setting is for, and its default when the variable is read outside a zod schema. */
export interface SettingNote {
  description: string;
  default?: string;
}

/**
 * The credential subgraph's settings, described here until its schema carries `.describe()` text
 * like the others (then this map goes: a field with its own description wins, and `npm run docs`
 * fails for a field described nowhere).
 */
export const CREDENTIAL_SETTINGS: Record<string, SettingNote> = {
  ACCESS_TOKEN_TTL_SECONDS: { description: 'Access token lifetime in seconds (60-3600).' },
  REFRESH_TOKEN_TTL_SECONDS: { description: 'Refresh token lifetime in seconds (300 to 30 days).' },
  STAFF_EMAIL: {
    description:
      'The first staff login, created at start when no staff login can sign in (set with `STAFF_PASSWORD`, or neither). With demo data and neither set: `staff@demo.example` / `demo-staff-password`, never in production; in production a staff login still on the demo password is disabled at start.',
  },
  STAFF_PASSWORD: { description: "The first staff login's password, at least 12 characters (with `STAFF_EMAIL`)." },
  CONTACT_URL: {
    description: "The contact subgraph, asked (with a service token) for a contact's status and types at sign-in.",
  },
  JWT_PRIVATE_KEY: {
    description:
      'PKCS#8 PEM Ed25519 signing key (newlines as `\\n`). Unset: a key generated once and kept in the credential database.',
  },
  ORGANIZATION_URL: {
    description: 'The organization subgraph, asked whether an organization allows sign-in from the internet.',
  },
  SMTP_URL: {
    description:
      '`smtp://` or `smtps://` URL of the mail server. Unset: every email is written to `DATA_DIR/mail/` and logged (recipient and subject only).',
  },
  MAIL_FROM: { description: 'Sender of self-service mail.' },
  PUBLIC_URL: { description: 'Where the links in emails (unlock, password reset) point.' },
  LOCKOUT_INTERNET_ATTEMPTS: { description: 'Consecutive failed sign-ins from the internet that lock a login.' },
  LOCKOUT_INTERNAL_ATTEMPTS: {
    description: 'Consecutive failed sign-ins from the internal network that lock a login.',
  },
  INTERNAL_NETWORKS: { description: 'CIDRs of the internal network, comma-separated.' },
  MAIL_POLL_MILLISECONDS: { description: 'How often the mail outbox is read.' },
  MAIL_RETRY_MAX_SECONDS: { description: 'The longest wait between retries of an email the server refused for now.' },
  LOGIN_LIMIT_PER_ADDRESS: {
    description:
      "Sign-in attempts a minute per client address (RATE_LIMITED beyond); changePassword's current password spends from the same budget, and each half of a passkey sign-in (startPasskeySignIn, signInWithPasskey) has a budget of this size of its own.",
  },
  LOGIN_LIMIT_PER_USER: { description: 'Sign-in attempts a minute per user name (RATE_LIMITED beyond).' },
  STAFF_LOCKOUT_ATTEMPTS: {
    description:
      'Wrong staff passwords in a row that lock a staff login (`npm run staff:unlock -- <email>` opens one at once).',
  },
  STAFF_LOCKOUT_MINUTES: { description: 'How long a staff login stays locked.' },
  PASSWORD_CHECKS_PER_KEY: {
    description: 'changePassword: password checks at once per principal, per replica (more: RATE_LIMITED).',
  },
  WEBAUTHN_RP_ID: {
    description:
      "Passkeys' relying party id: the site's host name, no port. A passkey works only on the id it was made for.",
  },
  WEBAUTHN_ORIGIN: { description: 'The page origins passkeys are accepted from, comma-separated.' },
  SECOND_FACTOR_KEY: {
    description:
      '32 random bytes (64 hex digits or base64, `openssl rand -hex 32`) that encrypt authenticator secrets (AES-256-GCM) and key the recovery-code hashes. Required in production; otherwise a fixed development key. Changing it makes every enrolled authenticator unusable.',
  },
};

/** Read by the test set-up and the benchmarks (tools/src/bench-*.ts), not by the services. */
export const TOOL_SETTINGS: Record<string, SettingNote> = {
  TEST_DATABASE_URL: {
    description: 'MySQL/MariaDB server the tests create their databases on (one set per run, dropped after).',
    default: 'mysql://root@127.0.0.1:3306',
  },
  BENCH_DATABASE_URL: {
    description: "MySQL/MariaDB server for the benchmarks' own databases (default: `TEST_DATABASE_URL`'s server).",
  },
  BENCH_CONTACTS: { description: 'bench:contacts: contacts in the organization.', default: '10000' },
  BENCH_REQUESTS: { description: 'bench:contacts: requests per run.', default: '1000' },
  BENCH_CONCURRENCY: {
    description: 'bench:contacts and bench:login: requests at a time (bench:login default 4).',
    default: '16',
  },
  BENCH_SIZES: { description: 'bench:contacts: page sizes.', default: '10,100' },
  BENCH_TARGETS: { description: 'bench:contacts: which targets to measure, comma-separated (default: all).' },
  BENCH_ROUNDS: {
    description: 'bench:contacts: interleaved rounds whose medians it prints; bench:revocation: rounds (default 7).',
    default: '3',
  },
  BENCH_REVOKED: { description: 'bench:revocation: ended sessions on the list.', default: '10000' },
  BENCH_TOKENS: { description: 'bench:revocation: distinct tokens checked.', default: '1000' },
  BENCH_SCALE_ORGANIZATIONS: { description: 'bench:scale: organizations.', default: '10000' },
  BENCH_SCALE_CONTACTS: { description: 'bench:scale: contacts.', default: '100000' },
  BENCH_SCALE_EXPORT_SIZES: {
    description: "bench:scale: the two exported organizations' sizes.",
    default: '2000,10000',
  },
  BENCH_SCALE_SAMPLES: { description: 'bench:scale: samples per figure.', default: '100' },
  BENCH_SCALE_WARMUP: { description: 'bench:scale: warm-up requests before measuring.', default: '2000' },
  BENCH_LOGINS: { description: 'bench:login: sign-ins measured.', default: '40' },
  BENCH_CPU_PROF: { description: "Benchmarks: a directory to write the services' CPU profiles to." },
  UV_THREADPOOL_SIZE: {
    description: "Node's libuv threadpool, which runs the password hashes: more threads, more sign-ins at once.",
    default: '4',
  },
};
