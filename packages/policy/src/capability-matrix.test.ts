import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ContactType } from './contact-type';
import { capabilitiesOf, capabilityMatrix, levelFor } from './capability-matrix';

const T = ContactType;

describe('the capability matrix, transcribed from the job aid', () => {
  // Cells read off the job aid by hand (employer-contacts-job-aid-2022.txt).
  it.each([
    [T.ACCOUNT_RECEIVABLE, 'CONTRIBUTION_FILE_AR', 'EDIT'],
    [T.ACCOUNT_RECEIVABLE, 'ORGANIZATION_CONTACTS', 'READ'],
    [T.ACCOUNT_RECEIVABLE, 'UPLOAD_FILES', 'NONE'],
    [T.ADMINISTRATOR, 'ORGANIZATION_CONTACTS', 'EDIT'],
    [T.ADMINISTRATOR, 'ORGANIZATION_ADDRESS', 'EDIT'],
    [T.ADMINISTRATOR, 'UPLOAD_FILES', 'READ'],
    [T.ADMINISTRATOR, 'EMPLOYEE_CHANGE_REQUESTS', 'READ'],
    [T.ADMINISTRATOR, 'CASH_BALANCE_RATES_ADD', 'NONE'],
    [T.BENEFIT, 'RETIREMENT_INCENTIVE_TRANSACTIONS', 'EDIT'],
    [T.BENEFIT, 'UPLOAD_FILES', 'READ'],
    [T.EMPLOYMENT, 'BENEFIT_PROGRAM_ENROLLMENTS', 'EDIT'],
    [T.EMPLOYMENT, 'REPORTS', 'EDIT'],
    [T.EMPLOYMENT, 'CASH_BALANCE_RATES_VIEW', 'READ'],
    [T.LEAVE_OF_ABSENCE, 'LOA_RETURN_FILE', 'EDIT'],
    [T.LEAVE_OF_ABSENCE, 'ORGANIZATION_DETAILS', 'READ'],
    [T.PAYROLL, 'CONTRIBUTION_AND_MATCH_FILE', 'EDIT'],
    [T.PAYROLL, 'CASH_BALANCE_SCHEDULES_ADD', 'EDIT'],
    [T.PAYROLL, 'CASH_BALANCE_RATES_VIEW', 'NONE'],
    [T.PAYROLL, 'EMPLOYMENT_AND_MATCH_FILES', 'NONE'],
    [T.PAYROLL_AND_EMPLOYMENT, 'CONTRIBUTION_EMPLOYMENT_AND_MATCH_FILES', 'EDIT'],
    [T.PAYROLL_AND_EMPLOYMENT, 'MEMBER_DEMOGRAPHICS', 'EDIT'],
    [T.READ_ONLY, 'CHANGE_PASSWORD', 'EDIT'],
    [T.READ_ONLY, 'DOCUMENTS', 'READ'],
    [T.READ_ONLY, 'SECURE_MESSAGES', 'READ'],
    [T.READ_ONLY, 'ORGANIZATION_CONTACTS', 'READ'],
    [T.REDUCTION_IN_SCHOOL_FUNDS, 'MANUAL_RSF', 'EDIT'],
    [T.SICK_LEAVE, 'SICK_LEAVE_FILE', 'EDIT'],
    [T.SICK_LEAVE, 'UPLOAD_FILES', 'NONE'],
    [T.SUPERINTENDENT_CHANCELLOR, 'DOCUMENTS', 'READ'],
    [T.SUPERINTENDENT_CHANCELLOR, 'SECURE_MESSAGES', 'EDIT'],
    [T.TERMINATION, 'MANUAL_TERMINATION', 'EDIT'],
    [T.TERMINATION, 'ORGANIZATION_CONTACTS', 'READ'],
    [T.PASSWORD_RESET_ONLY, 'SELF_SERVICE_RESET', 'EDIT'],
    [T.PASSWORD_RESET_ONLY, 'ORGANIZATION_CONTACTS', 'NONE'],
    [T.PASSWORD_RESET_ONLY, 'SELF_SERVICE_REGISTRATION', 'NONE'],
  ])('%s has %s at %s', (type, fn, level) => {
    expect(levelFor([type], fn)).toBe(level);
  });

  // Every cell, against the job aid's own lists (the committed copy under packages/policy/sources/).
  it('agrees with every per-type list of the job aid', () => {
    const text = readFileSync(resolve(__dirname, '../sources/employer-contacts-job-aid-2022.txt'), 'utf8').split(
      '1) Creating a New Employer Contact',
    )[0];
    const byName = new Map(capabilityMatrix.functions.map((f) => [f.name.toLowerCase(), f.key]));
    const fromJobAid = new Map<string, Map<string, string>>();
    let type: string | undefined;
    let level: string | undefined;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      const t = capabilityMatrix.contactTypes.find((c) => c.label === line);
      if (t) [type, level] = [t.key, undefined];
      else if (line.startsWith('Add or Edit Capability')) level = 'EDIT';
      else if (line.startsWith('Read-Only')) level = 'READ';
      else if (type && level && line.startsWith('- ')) {
        const key = byName.get(line.slice(2).trim().toLowerCase());
        expect(key).toBeDefined();
        if (!fromJobAid.has(type)) fromJobAid.set(type, new Map());
        fromJobAid.get(type)!.set(key!, level);
      }
    }
    expect(fromJobAid.size).toBe(12);
    for (const contactType of capabilityMatrix.contactTypes.filter((c) => !c.extension)) {
      const listed = fromJobAid.get(contactType.key)!;
      for (const fn of capabilityMatrix.functions.filter((f) => !f.extension)) {
        expect([contactType.key, fn.key, contactType.capabilities[fn.key]]).toEqual([
          contactType.key,
          fn.key,
          listed.get(fn.key) ?? 'NONE',
        ]);
      }
    }
  });

  it('marks what is not from the job aid as an extension', () => {
    expect(capabilityMatrix.contactTypes.filter((t) => t.extension).map((t) => t.key)).toEqual([T.PASSWORD_RESET_ONLY]);
    expect(capabilityMatrix.functions.filter((f) => f.extension).map((f) => f.key)).toEqual([
      'SELF_SERVICE_REGISTRATION',
      'SELF_SERVICE_RESET',
    ]);
  });

  it('grants several types the highest level any of them has', () => {
    expect(levelFor([T.READ_ONLY, T.ADMINISTRATOR], 'ORGANIZATION_CONTACTS')).toBe('EDIT');
    expect(levelFor([T.PASSWORD_RESET_ONLY], 'ORGANIZATION_CONTACTS')).toBe('NONE');
    expect(capabilitiesOf([T.PASSWORD_RESET_ONLY]).map((c) => [c.function.key, c.level])).toEqual([
      ['CHANGE_PASSWORD', 'EDIT'],
      ['SELF_SERVICE_RESET', 'EDIT'],
    ]);
    expect(() => levelFor([T.ADMINISTRATOR], 'NO_SUCH_FUNCTION')).toThrow(/Unknown function/);
  });
});
