import type { ContactContext } from '../context';

export const contactReference = {
  Contact: {
    __resolveReference: (ref: { id: string }, context: ContactContext) => context.loaders.contact.byId.load(ref.id),
  },
};
