import { Contact } from './contact.entity';

/** `selfService` needs only the id; the panel itself is loaded in batches by its field resolver. */
export const contactReference = {
  Contact: { __resolveReference: (ref: { id: string }) => new Contact(ref.id) },
};
