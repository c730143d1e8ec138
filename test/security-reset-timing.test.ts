import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import { contactInput, createContact, giveLogin } from './support/people';
import { REQUEST_RESET, selfServiceFlows, type Smtp } from './support/self-service-flows';
import { startSmtp } from './support/smtp';

// Issue 10, defect 2: how long requestPasswordReset takes must not tell whether the name exists.
let federation: Federation;
let smtp: Smtp;

beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('sectiming', {
    SMTP_URL: smtp.url(),
    MAIL_POLL_MILLISECONDS: '100',
    MAIL_RETRY_MAX_SECONDS: '1',
  });
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

// The value below which a share `p` of the times fall (interpolated).
const quantile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  return sorted[Math.floor(at)] + (sorted[Math.ceil(at)] - sorted[Math.floor(at)]) * (at - Math.floor(at));
};

it('answers a known and an unknown user name in the same time, and the known one still gets its link', async () => {
  // Each name may ask 3 times in 15 minutes (3 rounds), each address 10 times a minute: many names, one address per request.
  const known: string[] = [];
  for (let i = 0; i < 40; i++) {
    const email = `timing.known.${i}@county.xorg`;
    await giveLogin(
      federation,
      await createContact(federation, '42061', contactInput('Timing', `Known ${i}`, email, [ContactType.READ_ONLY])),
      '42061',
      email,
    );
    known.push(email);
  }
  let address = 0;
  const timed = async (userName: string) => {
    address += 1;
    const started = process.hrtime.bigint();
    const result = await federation.query(
      REQUEST_RESET,
      { u: userName },
      { headers: { 'x-forwarded-for': `198.18.${address >> 8}.${address & 255}` } },
    );
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    expect(result.errors).toBeUndefined();
    return elapsed;
  };
  // Warm up both paths (connection pools, JIT), then interleave known and unknown names.
  for (let i = 0; i < 4; i++) await timed(`timing.warmup.${i}@county.xorg`);
  // Each name is asked 3 times, a known one as often as an unknown one (the same rate-limit rows are
  // written), in a shuffled order (fixed seed): the background work a known name causes lands on
  // whichever request comes next, known or not.
  const requests = [0, 1, 2].flatMap(() =>
    known.flatMap((name, i) => [
      { name, known: true },
      { name: `timing.nobody.${i}@county.xorg`, known: false },
    ]),
  );
  let seed = 20261122;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let i = requests.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [requests[i], requests[j]] = [requests[j], requests[i]];
  }
  const knownTimes: number[] = [];
  const unknownTimes: number[] = [];
  for (const request of requests) (request.known ? knownTimes : unknownTimes).push(await timed(request.name));
  const [k, u] = [quantile(knownTimes, 0.5), quantile(unknownTimes, 0.5)];
  const [kq, uq] = [quantile(knownTimes, 0.25), quantile(unknownTimes, 0.25)];
  process.stderr.write(
    `password reset answer: median known ${k.toFixed(1)} ms, unknown ${u.toFixed(1)} ms; ` +
      `lower quartile known ${kq.toFixed(1)} ms, unknown ${uq.toFixed(1)} ms\n`,
  );
  // Before the fix: 12 ms unknown, 31 ms known, on every request. Now the times spread from 7 to 28 ms on
  // this 2-core machine (the background work of earlier requests, the in-process SMTP server) and either
  // median may lead by a few ms. The lower quartile is the request's own path without that interference,
  // what someone timing many tries would look at: within 3 ms or 15%. The medians within 30%.
  expect(Math.abs(kq - uq)).toBeLessThan(Math.max(3, 0.15 * Math.min(kq, uq)));
  expect(Math.max(k, u) / Math.min(k, u)).toBeLessThan(1.3);

  const flow = selfServiceFlows(federation, smtp);
  const mail = await flow.nextMail(known[0], /reset your/);
  expect(mail.text).toMatch(/reset-password\?token=[\w-]{40,}/);
});
