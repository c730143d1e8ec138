import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { contactDirectoryLoaders } from './contact-directory.loaders';

/** What the contact and organization subgraphs say of a contact (status, types, organization), per request. */
export const contactDirectoryModule: SubgraphModule<CredentialServices, typeof contactDirectoryLoaders> = {
  name: 'contact-directory',
  loaders: contactDirectoryLoaders,
};
