import { Ctx, FieldResolver, Resolver } from 'type-graphql';
import { capabilitiesOf } from '@ecg/policy';
import type { CredentialContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { loginEssIdOf, membershipsOf } from '../person/login-rows';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { CapabilityLevel, Me } from './me.type';
import { Membership } from './membership.type';

/**
 * The organizations the signed-in person acts for (`switchOrganization` takes one). Only the
 * person sees this list: the panels their organizations see hold one membership each.
 */
@Resolver(() => Me)
export class MembershipsResolver {
  @FieldResolver(() => [Membership], {
    description:
      'Every organization you act for whose contact record is active, the current one included; empty for staff.',
  })
  async memberships(@Ctx() context: CredentialContext): Promise<Membership[]> {
    const principal = context.principal;
    if (principal.kind !== 'contact') return [];
    const own = await context.dataSource.getRepository(SelfServiceAccount).findOneBy({ contactId: principal.id });
    if (!own) return [];
    const { directory } = context.services;
    const found = await Promise.all(
      (await membershipsOf(context.dataSource.manager, loginEssIdOf(own))).map(async (m) => ({
        m,
        facts: await directory.contact(m.contactId),
        organization: await directory.organization(m.organizationId),
      })),
    );
    return found
      .filter(({ facts }) => facts?.status === 'ACTIVE')
      .map(({ m, facts, organization }) => ({
        contactId: m.contactId,
        organizationId: m.organizationId,
        organization: new Organization(m.organizationId),
        organizationName: organization?.displayName ?? '',
        contactTypes: facts!.contactTypes,
        capabilities: capabilitiesOf(facts!.contactTypes).map((c) => ({
          function: c.function.key,
          name: c.function.name,
          level: c.level as CapabilityLevel,
        })),
        current: m.contactId === principal.id,
      }));
  }
}
