import type { BaseRequestContext } from '@ecg/infrastructure';
import { administratorNamesLoader } from './administrator-directory/administrator-directory.loaders';
import { createContactLoaders, type ContactLoaders } from './contact/contact.loaders';
import {
  createOrganizationHealthLoaders,
  type OrganizationHealthLoaders,
} from './organization/organization-health.loaders';
import type { PeerServices } from './session/peer-services';

export interface ContactContext extends BaseRequestContext {
  loaders: {
    contact: ContactLoaders;
    administrators: ReturnType<typeof administratorNamesLoader>;
    organizationHealth: OrganizationHealthLoaders;
  };
  /** The other subgraphs, asked with the caller's token. */
  services: PeerServices;
}

export function createContext(base: BaseRequestContext, services: PeerServices): ContactContext {
  return {
    ...base,
    services,
    loaders: {
      contact: createContactLoaders(base.dataSource),
      administrators: administratorNamesLoader(base.dataSource),
      organizationHealth: createOrganizationHealthLoaders(base.dataSource),
    },
  };
}
