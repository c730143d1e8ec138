import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import { contactInput, createContact, giveLogin } from './support/people';
import { REQUEST_RESET, selfServiceFlows, type Smtp } from './support/self-service-flows';
import { startSmtp } from './support/smtp';

// The audit's finding 2 (docs/security.md): how long requestPasswordReset takes must not tell whether the name exists.
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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)] + sorted[Math.ceil((sorted.length - 1) / 2)]) / 2;
};

// A fixed seed, so a run can be repeated: the order of the requests and the random dealings below.
let seed = 20261122;
const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
/** Fisher-Yates, in place. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

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
  shuffle(requests);
  const knownTimes: number[] = [];
  const unknownTimes: number[] = [];
  for (const request of requests) (request.known ? knownTimes : unknownTimes).push(await timed(request.name));
  const medianGap = (a: number[], b: number[]) => Math.abs(median(a) - median(b));
  const gap = medianGap(knownTimes, unknownTimes);
  // Whether the name exists must not move the times more than chance does. The times spread from 7 to
  // 28 ms on this 2-core machine (commits, the background work of earlier requests landing on whichever
  // request comes next, the in-process SMTP server), so a fixed bound in ms is either loose or flaky:
  // instead, how often does dealing the same 240 times into two random piles of 120 give a gap as large?
  // With no leak that share is uniform, so the test fails 1 time in 1,000 by chance. Before the fix
  // (12 ms unknown, 31 ms known on every request) no dealing came close.
  const all = [...knownTimes, ...unknownTimes];
  const DEALS = 5000;
  let asLarge = 0;
  for (let deal = 0; deal < DEALS; deal++) {
    shuffle(all);
    if (medianGap(all.slice(0, knownTimes.length), all.slice(knownTimes.length)) >= gap) asLarge++;
  }
  process.stderr.write(
    `password reset answer median: known ${median(knownTimes).toFixed(1)} ms, unknown ` +
      `${median(unknownTimes).toFixed(1)} ms; a gap as large in ${asLarge} of ${DEALS} random dealings\n`,
  );
  expect(asLarge / DEALS).toBeGreaterThan(0.001);

  const flow = selfServiceFlows(federation, smtp);
  const mail = await flow.nextMail(known[0], /reset your/);
  expect(mail.text).toMatch(/reset-password\?token=[\w-]{40,}/);
});
