import { ErrorCode } from '@ecg/policy';
import { GraphQLError } from 'graphql';

export interface InvalidField {
  /** The argument or input path, as the client sent it: `pageSize`, `input.lastName`. */
  field: string;
  message: string;
}

/** One error for every offending field, so a client can show each message beside its field. */
export function badUserInput(invalidFields: InvalidField[]): GraphQLError {
  const summary = invalidFields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new GraphQLError(`Invalid input: ${summary}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, invalidFields },
  });
}

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} not found`, { extensions: { code: ErrorCode.NOT_FOUND } });
}
