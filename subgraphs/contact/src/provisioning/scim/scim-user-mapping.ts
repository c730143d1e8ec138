import { ContactType } from '@ecg/policy';
import { parseArguments } from '@ecg/infrastructure';
import { ContactStatus } from '../../contact/contact-enums';
import type { Contact } from '../../contact/contact.entity';
import { contactDetails, type ContactDetails } from '../../contact/contact-form.inputs';
import { weakETag } from './scim-context';

interface MultiValue {
  value?: string;
  type?: string;
  primary?: boolean;
}

/** What SCIMMY hands an ingress handler: the User as sent, read-only attributes left out. */
export interface ScimUserIn {
  userName?: string;
  externalId?: string;
  name?: {
    givenName?: string;
    middleName?: string;
    familyName?: string;
    honorificPrefix?: string;
    honorificSuffix?: string;
  };
  title?: string;
  active?: boolean;
  emails?: MultiValue[];
  phoneNumbers?: MultiValue[];
}

const present = <T>(values: (T | null)[]) => values.filter((v): v is T => v !== null);

/**
 * A contact as a SCIM User. `userName` is the primary email (the product's user name); a contact
 * without one (ESR's "no email on record") is still a User, with its id as `userName`.
 */
export function toScimUser(contact: Contact, types: ContactType[], labels: Record<ContactType, string>) {
  return {
    id: contact.id,
    externalId: contact.externalId ?? undefined,
    userName: contact.primaryEmail ?? contact.id,
    name: {
      formatted: contact.fullName,
      givenName: contact.firstName,
      middleName: contact.middleName ?? undefined,
      familyName: contact.lastName,
      honorificPrefix: contact.namePrefix ?? undefined,
      honorificSuffix: contact.nameSuffix ?? undefined,
    },
    displayName: contact.fullName,
    title: contact.jobTitle ?? undefined,
    active: contact.status === ContactStatus.ACTIVE,
    emails: present([
      contact.primaryEmail ? { value: contact.primaryEmail, type: 'work', primary: true } : null,
      contact.secondaryEmail ? { value: contact.secondaryEmail, type: 'other', primary: false } : null,
    ]),
    phoneNumbers: present([
      contact.primaryPhoneNumber ? { value: contact.primaryPhoneNumber, type: 'work', primary: true } : null,
      contact.mobilePhoneNumber ? { value: contact.mobilePhoneNumber, type: 'mobile', primary: false } : null,
      contact.secondaryPhoneNumber ? { value: contact.secondaryPhoneNumber, type: 'other', primary: false } : null,
    ]),
    groups: types.map((type) => ({ value: type, display: labels[type], type: 'direct' })),
    meta: {
      resourceType: 'User',
      created: contact.createdAt,
      lastModified: contact.updatedAt,
      version: weakETag(contact.version),
    },
  };
}

const isEmail = (value: string | undefined) => !!value && /^[^\s@]+@[^\s@]+$/.test(value);
const same = (a: string | undefined, b: string | null) => a?.toLowerCase() === b?.toLowerCase();

/** The primary email: `userName` when it is an address, else the primary (or work, or first) entry of `emails`. */
function emailsOf(user: ScimUserIn) {
  const emails = (user.emails ?? []).filter((e) => e.value);
  const primary = isEmail(user.userName)
    ? user.userName!
    : ((emails.find((e) => e.primary) ?? emails.find((e) => e.type === 'work') ?? emails[0])?.value ?? '');
  const secondary = emails.find((e) => !same(e.value, primary))?.value ?? null;
  return { primary, secondary };
}

const sameAddress = (a: string | null | undefined, b: string | null) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Work is the primary phone, mobile the mobile one, any other type the secondary one. */
function phonesOf(user: ScimUserIn) {
  const phones = (user.phoneNumbers ?? []).filter((p) => p.value);
  const work = phones.find((p) => p.type === 'work') ?? phones.find((p) => p.primary && p.type !== 'mobile');
  const mobile = phones.find((p) => p.type === 'mobile' && p !== work);
  const other = phones.find((p) => p !== work && p !== mobile);
  return { primary: work?.value ?? null, mobile: mobile?.value ?? null, secondary: other?.value ?? null };
}

/**
 * The Contact Details a User asks for, checked as the Save button's are (required fields, lengths,
 * formats, control characters). What SCIM has no attribute for (gender, the phone extension, the
 * contact types) stays as it is; a new contact starts as Read Only until a group gives it more.
 */
export function detailsFromScimUser(user: ScimUserIn, current: Contact | null, types: ContactType[] | null) {
  const { primary, secondary } = emailsOf(user);
  const phones = phonesOf(user);
  const details: ContactDetails = parseArguments(contactDetails, {
    namePrefix: user.name?.honorificPrefix ?? null,
    firstName: user.name?.givenName ?? '',
    middleName: user.name?.middleName ?? null,
    lastName: user.name?.familyName ?? '',
    nameSuffix: user.name?.honorificSuffix ?? null,
    gender: current?.gender ?? null,
    primaryPhoneNumber: phones.primary,
    primaryPhoneExtension: phones.primary ? (current?.primaryPhoneExtension ?? null) : null,
    secondaryPhoneNumber: phones.secondary,
    mobilePhoneNumber: phones.mobile,
    primaryEmail: primary,
    confirmPrimaryEmail: primary,
    secondaryEmail: secondary,
    jobTitle: user.title ?? null,
    // SCIM has no attribute for what an Administrator publishes on Find your administrator.
    directoryContact: current?.directoryContact ?? null,
    // The feed's address is the lasting one: a temporary address it replaces stops being temporary;
    // the same address keeps its review date.
    temporaryEmailReviewBy: sameAddress(current?.primaryEmail, primary)
      ? (current?.temporaryEmailReviewBy ?? null)
      : null,
    status: user.active === false ? ContactStatus.INACTIVE : ContactStatus.ACTIVE,
    contactTypes: types ?? [ContactType.READ_ONLY],
  });
  return { ...details, externalId: user.externalId?.trim() || null };
}
