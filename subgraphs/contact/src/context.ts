import type { BaseRequestContext } from '@ecg/shared';
import { createContactLoaders, type ContactLoaders } from './contact/contact.loaders';

export interface ContactContext extends BaseRequestContext {
  loaders: { contact: ContactLoaders };
}

export function createContext(base: BaseRequestContext): ContactContext {
  return { ...base, loaders: { contact: createContactLoaders(base.dataSource) } };
}
