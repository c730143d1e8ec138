import { registerEnumType } from 'type-graphql';
import { SelfServiceStatus } from './self-service-status';

/** The Self Service panel's buttons. */
export enum SelfServiceAction {
  REGISTER = 'REGISTER',
  RE_ENROLL = 'RE_ENROLL',
  UNLOCK = 'UNLOCK',
  RESET_SECOND_FACTORS = 'RESET_SECOND_FACTORS',
}

registerEnumType(SelfServiceAction, {
  name: 'SelfServiceAction',
  description: 'A button of the Self Service Details panel.',
});

/**
 * Which buttons apply now (Unlock only when locked, as the job aid says). A login disabled with its
 * contact can be re-enrolled once the contact is active again (`contactActive`, asked only then).
 */
export function availableActions(status: SelfServiceStatus | null, contactActive = false): SelfServiceAction[] {
  switch (status) {
    case null:
      return [SelfServiceAction.REGISTER];
    case SelfServiceStatus.LOCKED:
      return [SelfServiceAction.UNLOCK, SelfServiceAction.RE_ENROLL];
    case SelfServiceStatus.REGISTERED:
    case SelfServiceStatus.REGISTRATION_PENDING:
      return [SelfServiceAction.RE_ENROLL];
    case SelfServiceStatus.DISABLED:
      return contactActive ? [SelfServiceAction.RE_ENROLL] : [];
  }
}
