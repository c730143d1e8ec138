import { registerEnumType } from 'type-graphql';

export enum OrganizationType {
  COUNTY_OFFICE_OF_EDUCATION = 'COUNTY_OFFICE_OF_EDUCATION',
  SCHOOL_DISTRICT = 'SCHOOL_DISTRICT',
  COMMUNITY_COLLEGE_DISTRICT = 'COMMUNITY_COLLEGE_DISTRICT',
  CHARTER_SCHOOL = 'CHARTER_SCHOOL',
  NHS_TRUST = 'NHS_TRUST',
  OTHER = 'OTHER',
}

registerEnumType(OrganizationType, { name: 'OrganizationType', description: 'The kind of employer.' });
