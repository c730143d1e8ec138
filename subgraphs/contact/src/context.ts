import type { BaseRequestContext } from '@ecg/shared';
import { administratorNamesLoader } from './administrator-directory/administrator-directory.loaders';
import { createContactLoaders, type ContactLoaders } from './contact/contact.loaders';
import { createOrganizationHealthLoaders, type OrganizationHealthLoaders } from './organization/organization-health.loaders';

export interface ContactContext extends BaseRequestContext {
  loaders: { contact: ContactLoaders; administrators: ReturnType<typeof administratorNamesLoader>; organizationHealth: OrganizationHealthLoaders };
}

export function createContext(base: BaseRequestContext): ContactContext {
  return {
    ...base,
    loaders: {
      contact: createContactLoaders(base.dataSource),
      administrators: administratorNamesLoader(base.dataSource),
      organizationHealth: createOrganizationHealthLoaders(base.dataSource),
    },
  };
}
