import type { BaseRequestContext } from '@ecg/infrastructure';
import type { OrganizationLoaders } from './organization/organization.loaders';
import type { OrganizationServices } from './session/session-services';

/**
 * A request's context, declared once (not inferred from the module list, which would make every
 * resolver import, through the modules, itself): the request, what the credential subgraph is
 * asked, and the loaders the modules contribute (`modules.ts` checks that they match).
 */
export interface OrganizationContext extends BaseRequestContext {
  services: OrganizationServices;
  loaders: {
    readonly organization: OrganizationLoaders;
  };
}
