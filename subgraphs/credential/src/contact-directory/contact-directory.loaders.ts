import DataLoader from 'dataloader';
import type { BaseRequestContext } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import type { ContactFacts } from './contact-directory';

/** `context.loaders.contactFacts`: asked of the contact subgraph once per request, however many rules want it. */
export const contactDirectoryLoaders = {
  contactFacts: (_request: BaseRequestContext, services: CredentialServices) =>
    new DataLoader<string, ContactFacts | null>((ids) => Promise.all(ids.map((id) => services.directory.contact(id)))),
};
