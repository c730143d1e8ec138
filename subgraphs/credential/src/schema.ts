import { buildFederatedSchema } from '@ecg/shared';
import { ContactSelfServiceResolver } from './contact/contact-self-service.resolver';
import { Contact } from './contact/contact.entity';
import { contactReference } from './contact/contact.reference';

// `Contact` is reached only through `_entities`, so it must be named to be emitted.
export const buildSchema = () =>
  buildFederatedSchema({ resolvers: [ContactSelfServiceResolver], orphanedTypes: [Contact] }, contactReference);
