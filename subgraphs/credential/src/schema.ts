import { buildFederatedSchema } from '@ecg/shared';
import { ContactSelfServiceResolver } from './contact/contact-self-service.resolver';
import { Contact } from './contact/contact.entity';
import { contactReference } from './contact/contact.reference';
import { LoginResolver } from './login/login.resolver';
import { MeResolver } from './me/me.resolver';

// `Contact` is reached only through `_entities`, so it must be named to be emitted.
export const buildSchema = () =>
  buildFederatedSchema({ resolvers: [ContactSelfServiceResolver, LoginResolver, MeResolver], orphanedTypes: [Contact] }, contactReference);
