import { permissions } from '@ecg/policy';
import {
  administratorDirectoryPermissions,
  PUBLIC_ENTITY_TYPES,
} from './administrator-directory/administrator-directory.permissions';
import { contactPermissions } from './contact/contact.permissions';
import { currentSession } from './session/current-session.rule';

export const contactSubgraphPermissions = permissions(
  { ...contactPermissions, ...administratorDirectoryPermissions },
  PUBLIC_ENTITY_TYPES,
  { currentSession },
);
