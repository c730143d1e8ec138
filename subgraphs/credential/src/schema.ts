import { buildFederatedSchema } from '@ecg/infrastructure';
import { MyAccountResolver } from './account/my-account.resolver';
import { SecondFactorPanelResolver, SecondFactorResolver } from './second-factor/second-factor.resolver';
import { MyPasskeysResolver, PasskeyResolver } from './second-factor/passkey.resolver';
import { OrganizationLoginsResolver } from './account/organization-logins.resolver';
import { ContactSelfServiceResolver, SelfServiceAccountResolver } from './contact/contact-self-service.resolver';
import { Contact } from './contact/contact.entity';
import { contactReference } from './contact/contact.reference';
import { SelfServiceLifecycleResolver } from './lifecycle/self-service-lifecycle.resolver';
import { LoginResolver } from './login/login.resolver';
import { MeResolver } from './me/me.resolver';
import { MembershipsResolver } from './me/memberships.resolver';

// `Contact` is reached only through `_entities`, so it must be named to be emitted.
export const buildSchema = () =>
  buildFederatedSchema(
    {
      resolvers: [
        ContactSelfServiceResolver,
        SelfServiceAccountResolver,
        LoginResolver,
        MeResolver,
        MembershipsResolver,
        SelfServiceLifecycleResolver,
        MyAccountResolver,
        OrganizationLoginsResolver,
        SecondFactorResolver,
        SecondFactorPanelResolver,
        PasskeyResolver,
        MyPasskeysResolver,
      ],
      orphanedTypes: [Contact],
    },
    contactReference,
  );
