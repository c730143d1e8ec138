import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { contactDirectoryLoaders } from './contact-directory.loaders';
import { requestScope } from './request-scope';

/**
 * What the contact and organization subgraphs say of a contact (status, types, organization), per
 * request; every request runs in a scope whose request id those calls forward.
 */
export const contactDirectoryModule: SubgraphModule<CredentialServices, typeof contactDirectoryLoaders> = {
  name: 'contact-directory',
  loaders: contactDirectoryLoaders,
  routes: (app) => app.use(requestScope()),
};
