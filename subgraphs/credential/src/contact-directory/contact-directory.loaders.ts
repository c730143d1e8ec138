import DataLoader from 'dataloader';
import type { BaseRequestContext } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import type { ContactFacts } from './contact-directory';

/** `context.loaders.contactFacts`: asked of the contact subgraph once per request, however many rules want it, in one call for every contact asked at once. */
export const contactDirectoryLoaders = {
  contactFacts: (_request: BaseRequestContext, services: CredentialServices) =>
    new DataLoader<string, ContactFacts | null>((ids) => services.directory.contacts(ids)),
};
