import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { ContactContext } from '../context';
import { AuditEntry } from './audit-entry.entity';

/** A pension-system staff member, whose name the credential subgraph knows: an id to ask it with. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class StaffMember {
  @Field(() => ID)
  id: string;

  constructor(id: string) {
    this.id = id;
  }
}

/** Who made a change, in words the trail can show. */
@Resolver(() => AuditEntry)
export class AuditActorResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Who made the change: the contact\'s full name (a contact of the same organization), or "provisioning token <label>"; null for staff (see `staff`).',
  })
  async actorName(@Root() entry: AuditEntry, @Ctx() context: ContactContext): Promise<string | null> {
    if (entry.actorKind === 'SCIM') return entry.actorLabel;
    if (entry.actorKind !== 'CONTACT') return null;
    // Only a contact of the entry's own organization is named: the viewer may read those.
    const actor = await context.loaders.contact.byId.load(entry.actorId);
    return actor && actor.organizationId === entry.organizationId ? actor.fullName : null;
  }

  @FieldResolver(() => StaffMember, {
    nullable: true,
    description: 'The staff member who made the change, if staff did.',
  })
  staff(@Root() entry: AuditEntry): StaffMember | null {
    return entry.actorKind === 'STAFF' ? new StaffMember(entry.actorId) : null;
  }
}
