import type { BaseRequestContext } from '@ecg/infrastructure';
import { createOrganizationLoaders, type OrganizationLoaders } from './organization/organization.loaders';

export interface OrganizationContext extends BaseRequestContext {
  loaders: { organization: OrganizationLoaders };
}

export function createContext(base: BaseRequestContext): OrganizationContext {
  return { ...base, loaders: { organization: createOrganizationLoaders(base.dataSource) } };
}
