import { ContactType } from '@ecg/policy';
import type { Federation, GraphQLResponse } from './federation';
import { contactInput, createContact } from './people';
import type { ReceivedMail, startSmtp } from './smtp';

export type Smtp = Awaited<ReturnType<typeof startSmtp>>;

const PANEL = `status essId userName enrollmentCompleted temporaryPasswordSet temporaryPasswordExpiresAt passwordExpired reenrolled
  successfulLoginAttempts totalUnsuccessfulAttempts unsuccessfulAttemptsSinceLastSuccess lastAuthenticationFailure availableActions`;
export const REGISTER = `mutation ($id: ID!) { register(contactId: $id) { ${PANEL} } }`;
export const RE_ENROLL = `mutation ($id: ID!) { reEnroll(contactId: $id) { ${PANEL} } }`;
export const UNLOCK = `mutation ($id: ID!) { unlock(contactId: $id) { ${PANEL} } }`;
export const LOGIN =
  'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken refreshToken passwordChangeRequired } }';
export const CHANGE =
  'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken refreshToken passwordChangeRequired } }';
export const REFRESH = 'mutation ($r: String!) { refreshToken(refreshToken: $r) { accessToken refreshToken } }';
export const REQUEST_RESET = 'mutation ($u: String!) { requestPasswordReset(userName: $u) { message } }';
export const RESET = 'mutation ($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) }';
export const COMPLETE_UNLOCK = 'mutation ($t: String!) { completeUnlock(token: $t) }';
export const UPDATE_CONTACT =
  'mutation ($id: ID!, $v: Int!, $input: ContactDetailsInput!) { updateContact(id: $id, expectedVersion: $v, input: $input) { id status } }';

export const temporaryPasswordIn = (text: string) => /Temporary password: (\S+)/.exec(text)![1];
export const linkTokenIn = (text: string) => /token=([\w-]+)/.exec(text)![1];
export const INTERNET = '203.0.113.7';

/** The self-service steps a person and an administrator take, through the gateway, with a real SMTP server. */
export function selfServiceFlows(federation: Federation, smtp: Smtp) {
  const asStaff = async (query: string, variables?: Record<string, unknown>) =>
    federation.query(query, variables, { token: await federation.staffToken() });
  const login = (u: string, p: string, address = INTERNET): Promise<GraphQLResponse> =>
    federation.query(LOGIN, { u, p }, { headers: { 'x-forwarded-for': address } });
  const change = (token: string, c: string, n: string, address = INTERNET) =>
    federation.query(CHANGE, { c, n }, { token, headers: { 'x-forwarded-for': address } });
  const panel = async (id: string) =>
    (await asStaff(`query ($id: ID!) { contact(id: $id) { selfServiceActions selfService { ${PANEL} } } }`, { id }))
      .data.contact;

  /** The next mail to `to` whose subject matches, after the `seen` ones. */
  async function nextMail(to: string, subject: RegExp, seen = 0): Promise<ReceivedMail> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const mails = (await smtp.waitFor(to, 1, 100)).filter((m) => subject.test(m.subject));
      if (mails.length > seen) return mails[seen];
      if (Date.now() > deadline) throw new Error(`no mail "${subject}" #${seen + 1} for ${to}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const mailCount = (to: string, subject: RegExp) =>
    smtp.received.filter((m) => m.to.toLowerCase().includes(to.toLowerCase()) && subject.test(m.subject)).length;

  /** A new contact of 42061, registered by staff: its id and mailed temporary password. */
  async function registered(email: string, types = [ContactType.READ_ONLY]) {
    const id = await createContact(federation, '42061', contactInput('Secure', 'Person', email, types));
    const result = await asStaff(REGISTER, { id });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    const mail = await nextMail(email, /registration/);
    return { id, email, temporary: temporaryPasswordIn(mail.text), account: result.data.register };
  }

  /** Registered and enrolled with `password`: the first sign-in changed the temporary password. */
  async function enrolled(email: string, password = 'a long and private passphrase') {
    const { id, temporary } = await registered(email);
    const first = await login(email, temporary);
    const changed = await change(first.data.login.accessToken, temporary, password);
    if (changed.errors) throw new Error(JSON.stringify(changed.errors));
    return { id, email, password };
  }

  /** Three wrong passwords from the internet: locked. */
  async function lockOut(email: string) {
    for (let i = 0; i < 3; i++) await login(email, `wrong guess number ${i}`);
  }

  async function resetLink(email: string): Promise<string> {
    const seen = mailCount(email, /reset your/);
    const asked = await federation.query(
      REQUEST_RESET,
      { u: email },
      { headers: { 'x-forwarded-for': `198.51.100.${1 + (seen % 200)}` } },
    );
    if (asked.errors) throw new Error(JSON.stringify(asked.errors));
    return linkTokenIn((await nextMail(email, /reset your/, seen)).text);
  }

  async function unlockLink(id: string, email: string): Promise<string> {
    const seen = mailCount(email, /finish unlocking/);
    const result = await asStaff(UNLOCK, { id });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return linkTokenIn((await nextMail(email, /finish unlocking/, seen)).text);
  }

  return { asStaff, login, change, panel, nextMail, mailCount, registered, enrolled, lockOut, resetLink, unlockLink };
}
