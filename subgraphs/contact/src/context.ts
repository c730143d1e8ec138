import type { ModuleContext } from '@ecg/infrastructure';
import type { contactModules } from './modules';
import type { PeerServices } from './session/peer-services';

/** A request's context: the modules' loaders (`loaders.contact`, ...) and the other subgraphs, asked with the caller's token. */
export type ContactContext = ModuleContext<typeof contactModules, PeerServices>;
