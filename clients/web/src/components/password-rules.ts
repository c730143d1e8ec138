/** The password policy in words (credential subgraph: password-policy.ts), shown as a hint. */
export const PASSWORD_HINT =
  'At least 12 characters. Not your user name, not a common password, and not one of your last 5 passwords. A few unrelated words make a strong one.';
/** The same rules for a login's first own password: it has no earlier passwords to repeat. */
export const FIRST_PASSWORD_HINT =
  'At least 12 characters. Not your user name and not a common password. A few unrelated words make a strong one.';

/** "must be at least 12 characters" for "New password" → "New password must be at least 12 characters." */
export const sentence = (label: string, problem: string) => `${label} ${problem.replace(/\.$/, '')}.`;

/** What is wrong with a new password before the server is asked: the person's own typing only. */
export function checkNewPassword(
  newPassword: string,
  confirmation: string,
): { newPassword: string[]; confirmation: string[] } {
  const problems = { newPassword: [] as string[], confirmation: [] as string[] };
  if (!newPassword) problems.newPassword.push('Enter a new password.');
  else if ([...newPassword].length < 12) problems.newPassword.push('New password must be at least 12 characters.');
  if (newPassword && confirmation !== newPassword)
    problems.confirmation.push('The two passwords are not the same. Type the new password again in both fields.');
  return problems;
}
