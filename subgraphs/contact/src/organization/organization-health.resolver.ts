import { Ctx, FieldResolver, Int, Resolver, Root, registerEnumType } from 'type-graphql';
import type { ContactContext } from '../context';
import { Organization } from './organization.entity';

/** What the NHS ESR toolkit says organizations struggle with, as warnings an SPA can show. */
export enum OrganizationWarning {
  FEWER_THAN_TWO_ADMINISTRATORS = 'FEWER_THAN_TWO_ADMINISTRATORS',
  CONTACTS_WITHOUT_EMAIL = 'CONTACTS_WITHOUT_EMAIL',
}

registerEnumType(OrganizationWarning, {
  name: 'OrganizationWarning',
  valuesConfig: {
    FEWER_THAN_TWO_ADMINISTRATORS: {
      description: 'Fewer than two active Administrators: nobody to turn to when one is away.',
    },
    CONTACTS_WITHOUT_EMAIL: { description: 'Active contacts with no primary email cannot receive self-service mail.' },
  },
});

@Resolver(() => Organization)
export class OrganizationHealthResolver {
  @FieldResolver(() => Int, { description: 'Active contacts with the Administrator type.' })
  administratorCount(@Root() organization: Organization, @Ctx() context: ContactContext) {
    return context.loaders.organizationHealth.activeAdministrators.load(organization.id);
  }

  @FieldResolver(() => [OrganizationWarning])
  async warnings(@Root() organization: Organization, @Ctx() context: ContactContext) {
    const { activeAdministrators, activeWithoutEmail } = context.loaders.organizationHealth;
    const [administrators, withoutEmail] = await Promise.all([
      activeAdministrators.load(organization.id),
      activeWithoutEmail.load(organization.id),
    ]);
    return [
      ...(administrators < 2 ? [OrganizationWarning.FEWER_THAN_TWO_ADMINISTRATORS] : []),
      ...(withoutEmail > 0 ? [OrganizationWarning.CONTACTS_WITHOUT_EMAIL] : []),
    ];
  }
}
