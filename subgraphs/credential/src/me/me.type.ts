import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ContactType } from '@ecg/policy';
import { Contact } from '../contact/contact.entity';
import { Organization } from '../organization/organization.entity';

export enum PrincipalKind {
  CONTACT = 'CONTACT',
  STAFF = 'STAFF',
}

export enum CapabilityLevel {
  READ = 'READ',
  EDIT = 'EDIT',
}

registerEnumType(PrincipalKind, { name: 'PrincipalKind' });
registerEnumType(CapabilityLevel, {
  name: 'CapabilityLevel',
  description: 'EDIT: "Add or Edit Capability"; READ: "Read-Only".',
});

@ObjectType({ description: 'One function of the job aid and what the signed-in principal may do with it.' })
export class Capability {
  @Field(() => String, { description: 'Stable key, e.g. ORGANIZATION_CONTACTS.' })
  function: string;

  @Field(() => String, {
    description: 'The job aid\'s wording, e.g. "Create and maintain Organization Contact information".',
  })
  name: string;

  @Field(() => CapabilityLevel)
  level: CapabilityLevel;
}

@ObjectType({ description: 'A pension-system staff member.' })
export class StaffUser {
  @Field(() => ID) id: string;
  @Field(() => String) email: string;
  @Field(() => String) displayName: string;
}

@ObjectType({ description: 'The signed-in principal: what an SPA builds its menus from.' })
export class Me {
  @Field(() => PrincipalKind) kind: PrincipalKind;
  @Field(() => Contact, { nullable: true }) contact: Contact | null;
  @Field(() => Organization, {
    nullable: true,
    description: "The contact's organization; null for staff (who may act on every one).",
  })
  organization: Organization | null;
  @Field(() => [ContactType]) contactTypes: ContactType[];
  @Field(() => StaffUser, { nullable: true }) staff: StaffUser | null;
  @Field(() => [Capability], { description: 'Every function with READ or EDIT, from the capability matrix.' })
  capabilities: Capability[];
  @Field(() => Boolean, { description: 'Only `changePassword` is allowed until this is false.' })
  passwordChangeRequired: boolean;
}
