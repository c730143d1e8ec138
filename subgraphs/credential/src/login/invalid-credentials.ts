import { GraphQLError } from 'graphql';
import { ErrorCode } from '@ecg/policy';

/** One answer for every failed sign-in: unknown user, wrong password, locked, inactive. */
export const invalidCredentials = () =>
  new GraphQLError('Invalid user name or password.', { extensions: { code: ErrorCode.UNAUTHENTICATED } });
