import type { SubgraphModule } from '@ecg/infrastructure';
import { CreateOrganization1763780000000 } from './migrations/1763780000000-create-organization';
import { OrganizationHelpMessage1763830000000 } from './migrations/1763830000000-organization-help-message';
import { OrganizationNameGrams1763840000000 } from './migrations/1763840000000-organization-name-grams';
import { OrganizationSecondFactorRequired1764100000000 } from './migrations/1764100000000-organization-second-factor-required';
import { OrganizationEmailDomains1764400000000 } from './migrations/1764400000000-organization-email-domains';
import { OrganizationNameGramSubscriber } from './organization-name-grams';
import { OrganizationUpdateResolver } from './organization-update.resolver';
import { Organization } from './organization.entity';
import { organizationLoaders } from './organization.loaders';
import { organizationPermissions } from './organization.permissions';
import { organizationReference } from './organization.reference';
import { OrganizationResolver } from './organization.resolver';

/** Organizations: codes, names, addresses, the internet-access and second-factor policies, and their search. */
export const organizationModule: SubgraphModule<unknown, typeof organizationLoaders> = {
  name: 'organization',
  resolvers: [OrganizationResolver, OrganizationUpdateResolver],
  references: organizationReference,
  rules: organizationPermissions,
  loaders: organizationLoaders,
  entities: [Organization],
  subscribers: [OrganizationNameGramSubscriber],
  migrations: [
    CreateOrganization1763780000000,
    OrganizationHelpMessage1763830000000,
    OrganizationNameGrams1763840000000,
    OrganizationSecondFactorRequired1764100000000,
    OrganizationEmailDomains1764400000000,
  ],
};
