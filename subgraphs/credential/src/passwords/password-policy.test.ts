import { assertPasswordPolicy } from './password-policy';

const problemsOf = (password: string, userName = 'person@county.xorg') =>
  assertPasswordPolicy(password, userName).then(
    () => [],
    (error) =>
      error.extensions.invalidFields.map((f: { field: string; message: string }) => `${f.field}: ${f.message}`),
  );

describe('the password policy', () => {
  it.each([
    ' '.repeat(12),
    '\u00a0'.repeat(16),
    '\u3000'.repeat(12),
    '\u2003 \u2002'.repeat(5),
    '\u200b \ufeff'.repeat(6),
    '',
  ])('refuses the blank password %j, naming the field only once', async (blank) => {
    expect(await problemsOf(blank)).toEqual(['newPassword: must not be blank']);
  });

  it('judges the NFKC form: a ligature counts as its letters, full-width letters as plain ones', async () => {
    expect(await problemsOf('ﬁﬁﬁﬁﬁﬁ')).toEqual([]); // 12 letters once normalized
    expect(await problemsOf('ｐａｓｓｗｏｒｄ１２３４')).toEqual(['newPassword: is too common']);
  });

  it('keeps the rest of the policy', async () => {
    expect(await problemsOf('short')).toEqual(['newPassword: must be at least 12 characters']);
    expect(await problemsOf('my person password!')).toEqual(['newPassword: must not be or contain your user name']);
    expect(await problemsOf('  leading and trailing spaces are fine  ')).toEqual([]);
  });
});
