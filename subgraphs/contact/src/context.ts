import type DataLoader from 'dataloader';
import type { BaseRequestContext } from '@ecg/infrastructure';
import type { DirectoryAdministrator } from './administrator-directory/directory-administrator';
import type { ContactLoaders } from './contact/contact.loaders';
import type { OrganizationHealthLoaders } from './organization/organization-health.loaders';
import type { PeerServices } from './session/peer-services';

/**
 * A request's context, declared once (not inferred from the module list, which would make every
 * resolver import, through the modules, itself): the request, the other subgraphs asked with the
 * caller's token, and the loaders the modules contribute (`modules.ts` checks that they match).
 */
export interface ContactContext extends BaseRequestContext {
  services: PeerServices;
  loaders: {
    readonly contact: ContactLoaders;
    readonly organizationHealth: OrganizationHealthLoaders;
    readonly administrators: DataLoader<string, DirectoryAdministrator[]>;
  };
}
