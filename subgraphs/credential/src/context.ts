import type { ModuleContext } from '@ecg/infrastructure';
import type { credentialModules } from './modules';
import type { CredentialServices } from './services';

/** A request's context: the modules' loaders (`loaders.selfService`, `loaders.contactFacts`) and the subgraph's services. */
export type CredentialContext = ModuleContext<typeof credentialModules, CredentialServices>;
