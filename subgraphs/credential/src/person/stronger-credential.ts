import { atLeast, levelFor, type Principal } from '@ecg/policy';
import { refused } from '../errors/credential-errors';
import type { SelfServiceAccount } from '../self-service/self-service-account.entity';

/**
 * The toolkit bounds the password-reset-only role to people "who do not and have never had" a
 * stronger credential: whoever acts without the Administrator's right to register may re-enroll,
 * unlock or assist only a login that never had a second factor. Staff and Administrators may.
 */
export function mayResetLogin(actor: Principal, login: SelfServiceAccount): boolean {
  if (actor.kind !== 'contact') return true;
  if (atLeast(levelFor(actor.contactTypes, 'SELF_SERVICE_REGISTRATION'), 'EDIT')) return true;
  return !login.secondFactorEverAt;
}

/** `mayResetLogin`, or STRONGER_CREDENTIAL. */
export function assertMayResetLogin(actor: Principal, login: SelfServiceAccount): void {
  if (!mayResetLogin(actor, login))
    throw refused(
      'STRONGER_CREDENTIAL',
      'This login has, or once had, a second factor: only an Administrator may do this for it.',
    );
}
