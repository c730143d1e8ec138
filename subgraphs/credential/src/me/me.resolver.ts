import { Ctx, Query, Resolver } from 'type-graphql';
import { capabilitiesOf, capabilityMatrix, forbidden } from '@ecg/policy';
import type { CredentialContext } from '../context';
import { Contact } from '../contact/contact.entity';
import { Organization } from '../organization/organization.entity';
import { StaffAccount } from '../staff-logins/staff-account.entity';
import { CapabilityLevel, Me, PrincipalKind } from './me.type';

@Resolver(() => Me)
export class MeResolver {
  @Query(() => Me, { description: 'Who is signed in, and what the capability matrix lets them do.' })
  async me(@Ctx() context: CredentialContext): Promise<Me> {
    const principal = context.principal;
    if (principal.kind === 'contact') {
      return {
        kind: PrincipalKind.CONTACT,
        contact: new Contact(principal.id),
        organization: new Organization(principal.organizationId),
        contactTypes: principal.contactTypes,
        staff: null,
        capabilities: capabilitiesOf(principal.contactTypes).map((c) => ({
          function: c.function.key,
          name: c.function.name,
          level: c.level as CapabilityLevel,
        })),
        passwordChangeRequired: principal.passwordChangeRequired,
      };
    }
    if (principal.kind === 'staff') {
      const staff = await context.dataSource.getRepository(StaffAccount).findOneByOrFail({ id: principal.id });
      return {
        kind: PrincipalKind.STAFF,
        contact: null,
        organization: null,
        contactTypes: [],
        staff: { id: staff.id, email: staff.email, displayName: staff.displayName },
        capabilities: capabilityMatrix.functions.map((fn) => ({
          function: fn.key,
          name: fn.name,
          level: CapabilityLevel.EDIT,
        })),
        passwordChangeRequired: false,
      };
    }
    throw forbidden('Only people sign in.');
  }
}
