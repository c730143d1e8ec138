import { appError, ErrorCode, type ErrorCodeName } from '@ecg/policy';

/**
 * The credential subgraph's refusals, at the bottom of its layers: every flow and gate builds its
 * errors here, from the codes of @ecg/policy's registry, so one answer means one thing wherever
 * it is given.
 */

/** An action the account's state forbids: its own code, and nothing changes. */
export const refused = (code: ErrorCodeName, message: string, extensions: Record<string, unknown> = {}) =>
  appError(code, message, { extensions });

export const invalidLink = () => refused('INVALID_TOKEN', 'This link is invalid, was already used, or has expired.');

/** One answer for every failed sign-in: unknown user, wrong password, locked, inactive. */
export const invalidCredentials = () => refused(ErrorCode.UNAUTHENTICATED, 'Invalid user name or password.');

/** A wrong, used or expired code: the same answer for each. */
export const wrongCode = (field: 'code' | 'currentCode' | 'recoveryCode' | 'passkey') =>
  refused(ErrorCode.UNAUTHENTICATED, 'The code is not correct.', {
    invalidFields: [{ field, message: 'is not correct' }],
  });

export const wrongCurrentPassword = () =>
  refused(ErrorCode.BAD_USER_INPUT, 'The current password is not correct.', {
    invalidFields: [{ field: 'currentPassword', message: 'is not correct' }],
  });

/** The same answer for an organization the person does not belong to and one they may not act for now. */
export const notAMembership = () =>
  refused(ErrorCode.NOT_FOUND, 'You have no self-service login in this organization.', {
    invalidFields: [{ field: 'organizationId', message: 'is not one of your organizations' }],
  });

export const temporaryPasswordExpired = () =>
  refused(
    'TEMPORARY_PASSWORD_EXPIRED',
    'Your temporary password has expired. Ask an administrator of your organization to re-enroll you.',
  );
