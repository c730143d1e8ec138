import { displayTime } from '@ecg/infrastructure';

/** The emails of the self-service lifecycle: each names the organization and the action. */
export interface MailContext {
  fullName: string;
  organization: string;
  userName: string;
}

/** A new password leaves passkeys as they are: the owner is told which, to remove one they do not know. */
const passkeysRemain = (names: string[]) =>
  names.length
    ? `\n\nA new password does not remove your passkeys. These stay on your login: ${names.map((n) => `"${n}"`).join(', ')}. If you do not recognise one, remove it on your account page after signing in.`
    : '';

const sign =
  '\n\n-- \nEmployer Contacts, Secure Employer Website\nYou receive this because you are an employer contact of the organization named above.';

export const templates = {
  registered: (c: MailContext, temporaryPassword: string, expiresAt: Date, signInUrl: string, timeZone: string) => ({
    subject: `${c.organization}: your Secure Employer Website registration`,
    body: `Hello ${c.fullName},\n\nAn administrator of ${c.organization} registered you for self service.\n\nUser name: ${c.userName}\nTemporary password: ${temporaryPassword}\nSign in: ${signInUrl}\n\nSign in before ${displayTime(expiresAt, timeZone)} (24 hours) and choose your own password. After that, the temporary password stops working; ask an administrator of ${c.organization} to re-enroll you.${sign}`,
  }),
  /** Re-Enroll removes the second factors too: the owner is told that none stays (a passkey would be the one thing left). */
  reEnrolled: (
    c: MailContext,
    temporaryPassword: string,
    expiresAt: Date,
    signInUrl: string,
    timeZone: string,
    factorsRemoved = false,
  ) => ({
    subject: `${c.organization}: you were re-enrolled for self service`,
    body: `Hello ${c.fullName},\n\nAn administrator of ${c.organization} re-enrolled your self-service login. Your previous password no longer works.${factorsRemoved ? ' Your second factors were removed too (authenticator app, recovery codes, passkeys): no passkey stays on your login. Set them up again on your account page after choosing your new password.' : ''}\n\nUser name: ${c.userName}\nTemporary password: ${temporaryPassword}\nSign in: ${signInUrl}\n\nSign in before ${displayTime(expiresAt, timeZone)} (24 hours) and choose a new password.${sign}`,
  }),
  locked: (c: MailContext, administrators: string[], resetUrl: string) => ({
    subject: `${c.organization}: your self-service login is locked`,
    body: `Hello ${c.fullName},\n\nYour self-service login for ${c.organization} was locked after too many failed sign-in attempts.\n\nTo unlock it, reset your password: ${resetUrl}\n\nOr ask an administrator of ${c.organization} to unlock it${administrators.length ? `: ${administrators.join(', ')}` : ''}.\n\nIf these attempts were not yours, reset your password now.${sign}`,
  }),
  /** A person of several organizations locks once: one email naming each and whom to ask there. */
  lockedPerson: (
    c: Omit<MailContext, 'organization'>,
    organizations: { name: string; administrators: string[] }[],
    resetUrl: string,
  ) => ({
    subject: 'Your self-service login is locked',
    body: `Hello ${c.fullName},\n\nYour self-service login (${c.userName}) was locked after too many failed sign-in attempts. It is the login you use for ${organizations.map((o) => o.name).join(', ')}.\n\nTo unlock it, reset your password: ${resetUrl}\n\nOr ask an administrator of one of your organizations to unlock it:\n${organizations.map((o) => `- ${o.name}${o.administrators.length ? `: ${o.administrators.join(', ')}` : ''}`).join('\n')}\n\nIf these attempts were not yours, reset your password now.${sign}`,
  }),
  /** Registering a contact whose email already has a login links it: no new password. */
  addedToOrganization: (c: MailContext, administrators: string[], signInUrl: string) => ({
    subject: `${c.organization}: you were added to the Secure Employer Website`,
    body: `Hello ${c.fullName},\n\nAn administrator of ${c.organization} added you as one of its contacts for self service.\n\nUser name: ${c.userName}\nSign in with the password you already use: ${signInUrl}. After signing in, choose ${c.organization} to act for it.\n\nIf you did not expect this, ask an administrator of ${c.organization}${administrators.length ? ` (${administrators.join(', ')})` : ''}.${sign}`,
  }),
  secondFactorsReset: (c: MailContext, signInUrl: string) => ({
    subject: `${c.organization}: your second factors were reset`,
    body: `Hello ${c.fullName},\n\nAn administrator of ${c.organization} removed the authenticator app, recovery codes and passkeys of your self-service login (${c.userName}). Your password has not changed.\n\nSign in with your password at ${signInUrl} and set up a second factor again on your account page.\n\nIf you did not ask for this, tell an administrator of ${c.organization} now.${sign}`,
  }),
  /** After every change of how a login proves itself: what changed, and what to do if it was not the owner. */
  factorChanged: (
    c: { userName: string; staff: boolean; timeZone: string },
    what: string,
    resetUrl: string,
    accountUrl: string,
  ) => ({
    subject: 'Your Secure Employer Website login changed how it signs in',
    body: `Hello,\n\n${what}\n\nLogin: ${c.userName}\nWhen: ${displayTime(new Date(), c.timeZone)}\n\nIf this was you, there is nothing to do.\n\nIf it was not you, someone has your session: reset your password now at ${resetUrl}, then review your passkeys and authenticator app at ${accountUrl}${c.staff ? ' and tell the operators of the Secure Employer Website.' : ' and ask an administrator of your organization to reset your second factors.'}${sign}`,
  }),
  /** To each Administrator of the organization, once per request. */
  internetAccessRequested: (
    organization: string,
    request: { fullName: string; userName: string; reason: string | null; clientAddress: string | null },
    url: string,
  ) => ({
    subject: `${organization}: ${request.fullName} asks to sign in from the internet`,
    body: `Hello,\n\n${request.fullName} (${request.userName}) gave the right password but was refused because ${organization} allows sign-in from its internal network only, and asks for internet access.\n\nFrom: ${request.clientAddress ?? 'unknown address'}\nReason: ${request.reason ?? '(none given)'}\n\nApprove or deny the request at ${url}. Undecided, it lapses after 14 days.${sign}`,
  }),
  internetAccessDecided: (c: MailContext, approved: boolean, note: string | null, signInUrl: string) => ({
    subject: `${c.organization}: your request for internet access was ${approved ? 'approved' : 'denied'}`,
    body: `Hello ${c.fullName},\n\n${approved ? `An administrator of ${c.organization} approved your request: you may now sign in from the internet at ${signInUrl}. It stays so until an administrator withdraws it.` : `An administrator of ${c.organization} denied your request for internet access. You can still sign in from its internal network.`}${note ? `\n\nNote from the administrator: ${note}` : ''}${sign}`,
  }),
  /** Nobody decided within the lapse: the person hears it, and that they may ask again. */
  internetAccessLapsed: (c: MailContext, requestedAt: Date, timeZone: string, signInUrl: string) => ({
    subject: `${c.organization}: your request for internet access lapsed`,
    body: `Hello ${c.fullName},\n\nYour request of ${displayTime(requestedAt, timeZone)} to sign in to ${c.organization} from the internet was not decided within 14 days, so it lapsed. You can still sign in from its internal network.\n\nYou may ask again: sign in from the internet at ${signInUrl} and choose "Request internet access", or speak to an administrator of ${c.organization}.${sign}`,
  }),
  internetAccessWithdrawn: (c: MailContext) => ({
    subject: `${c.organization}: your internet access was withdrawn`,
    body: `Hello ${c.fullName},\n\nAn administrator of ${c.organization} withdrew your permission to sign in from the internet. You can still sign in from its internal network; from the internet, your next sign-in or session renewal is refused.${sign}`,
  }),
  unlock: (c: MailContext, url: string) => ({
    subject: `${c.organization}: finish unlocking your self-service login`,
    body: `Hello ${c.fullName},\n\nAn administrator of ${c.organization} unlocked your self-service login. To finish, open this link within 24 hours:\n\n${url}\n\nThe link works once.${sign}`,
  }),
  passwordReset: (c: MailContext, url: string, passkeys: string[] = []) => ({
    subject: `${c.organization}: reset your self-service password`,
    body: `Hello ${c.fullName},\n\nSomeone asked to reset the password of your self-service login for ${c.organization}. To choose a new password, open this link within 1 hour:\n\n${url}\n\nThe link works once. If you did not ask, ignore this email; your password has not changed.${passkeysRemain(passkeys)}${sign}`,
  }),
  /** An administrator let the person in after checking who they are: the owner hears of it, and what to do if it was not them. */
  assistedReset: (
    c: MailContext,
    administrators: string[],
    signInUrl: string,
    forgotUrl: string,
    passkeys: string[] = [],
  ) => ({
    subject: `${c.organization}: your password was reset with an administrator's help`,
    body: `Hello ${c.fullName},\n\nThe password of your self-service login (${c.userName}) was reset with a one-time code that an administrator of ${c.organization} gave after checking who you are. Sign in: ${signInUrl}\n\nIf this was not you, reset your password now (${forgotUrl}) and tell an administrator of ${c.organization}${administrators.length ? ` (${administrators.join(', ')})` : ''}.${passkeysRemain(passkeys)}${sign}`,
  }),
};
