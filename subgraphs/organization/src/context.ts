import type { ModuleContext } from '@ecg/infrastructure';
import type { organizationModules } from './modules';
import type { OrganizationServices } from './session/session-services';

/** A request's context: the modules' loaders (`loaders.organization`) and what the credential subgraph is asked. */
export type OrganizationContext = ModuleContext<typeof organizationModules, OrganizationServices>;
