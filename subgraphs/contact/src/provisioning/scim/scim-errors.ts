import { GraphQLError } from 'graphql';
import SCIMMY from 'scimmy';
import type { InvalidField } from '@ecg/policy';

/** The contact form's fields by the SCIM attribute a directory sent them as. */
const ATTRIBUTE_OF: Record<string, string> = {
  firstName: 'name.givenName',
  middleName: 'name.middleName',
  lastName: 'name.familyName',
  namePrefix: 'name.honorificPrefix',
  nameSuffix: 'name.honorificSuffix',
  primaryEmail: 'userName',
  confirmPrimaryEmail: 'userName',
  secondaryEmail: 'emails',
  primaryPhoneNumber: 'phoneNumbers[type eq "work"]',
  secondaryPhoneNumber: 'phoneNumbers[type eq "other"]',
  mobilePhoneNumber: 'phoneNumbers[type eq "mobile"]',
  jobTitle: 'title',
  status: 'active',
  contactTypes: 'groups',
};

export const scimError = (status: number, scimType: string | null, detail: string) =>
  new SCIMMY.Types.Error(status, scimType as string, detail);

const describe = (fields: InvalidField[]) =>
  fields
    .map(({ field, message }) => {
      const name = field.replace(/^input\./, '');
      return `${ATTRIBUTE_OF[name] ?? name} ${message}`;
    })
    .join('; ');

/**
 * The product's refusals, as RFC 7644 §3.12 errors: the same rules as the GraphQL API, in the
 * words a directory's provisioning log shows. Anything else is not the caller's fault (500).
 */
export function toScimError(error: unknown): unknown {
  if (error instanceof SCIMMY.Types.Error || !(error instanceof GraphQLError)) return error;
  const code = error.extensions.code;
  const fields = (error.extensions.invalidFields ?? []) as InvalidField[];
  switch (code) {
    case 'BAD_USER_INPUT':
      if (fields.some((f) => f.message.includes('already used')))
        return scimError(409, 'uniqueness', `userName ${fields[0].message}`);
      return scimError(400, 'invalidValue', describe(fields) || error.message);
    case 'LAST_ADMINISTRATOR':
      return scimError(400, 'mutability', `LAST_ADMINISTRATOR: ${error.message}`);
    case 'CONFLICT':
      return scimError(412, null, 'The resource changed since the version If-Match names; read it again.');
    case 'NOT_FOUND':
      return scimError(404, null, 'Resource not found');
    case 'RATE_LIMITED':
      return scimError(429, null, error.message);
    case 'SERVICE_UNAVAILABLE':
      return scimError(503, null, error.message);
    default:
      return error;
  }
}

/** Runs a resource handler, turning the product's errors into SCIM ones (SCIMMY calls any other a 404). */
export const scimHandler =
  <A extends unknown[], R>(handler: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    try {
      return await handler(...args);
    } catch (error) {
      throw toScimError(error);
    }
  };
