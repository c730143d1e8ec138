import type { ContactContext } from '../context';
import { visibleContact } from './contact.visibility';

export const contactReference = {
  Contact: {
    __resolveReference: (ref: { id: string }, context: ContactContext) => visibleContact(context, ref.id),
  },
};
