import { Secret, TOTP } from 'otpauth';
import type { GraphQLResponse } from './federation';

type Query = (document: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;

/** What an authenticator app shows for `secret`, `offset` steps of 30 seconds from now. */
export const codeAt = (secret: string, offset = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offset * 30_000,
  });

/** Six digits that are none of the codes the server would accept now (one step of skew either way). */
export const wrongCodeFor = (secret: string) =>
  [...'0123456789'].map((d) => d.repeat(6)).find((c) => ![-1, 0, 1].some((o) => codeAt(secret, o) === c))!;

/**
 * The enrolment the password step asked for (secondFactorEnrolmentChallenge): an authenticator
 * set up and confirmed with its first code; the secret, the recovery codes and the access token
 * the confirmation signs in with.
 */
export async function enrolWithChallenge(query: Query, challenge: string) {
  const started = await query(
    'mutation ($c: String) { startTotpEnrolment(enrolmentChallenge: $c) { secret otpauthUri qrCodeSvg } }',
    { c: challenge },
  );
  if (started.errors) throw new Error(`enrolment failed: ${JSON.stringify(started.errors)}`);
  const secret: string = started.data.startTotpEnrolment.secret;
  const confirmed = await query(
    'mutation ($code: String!, $c: String) { confirmTotpEnrolment(code: $code, enrolmentChallenge: $c) { codes signIn { accessToken refreshToken } } }',
    { code: codeAt(secret), c: challenge },
  );
  if (confirmed.errors) throw new Error(`enrolment failed: ${JSON.stringify(confirmed.errors)}`);
  const { codes, signIn } = confirmed.data.confirmTotpEnrolment;
  return { secret, codes: codes as string[], accessToken: signIn.accessToken as string };
}
