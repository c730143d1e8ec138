import { randomUUID } from 'node:crypto';
import { In, IsNull, MoreThan, type DataSource } from 'typeorm';
import type { Principal } from '@ecg/policy';
import { withRetry } from '@ecg/infrastructure';
import type { CredentialConfig } from '../config';
import type { Directory } from '../contact-directory/contact-directory';
import { invalidCredentials, refused } from '../errors/credential-errors';
import type { Lockout } from '../lockout/lockout';
import { consumeSignInLimits } from '../lockout/sign-in-limits';
import { enqueueMail } from '../mail/outbox';
import { addressKey, reachabilityRows } from '../mail/reachability';
import { templates } from '../mail/templates';
import { assertPasswordPolicy } from '../passwords/password-policy';
import { recordEvent } from '../person/account-events';
import { findAccountsByUserName, lockAccount, previousPasswordHashes, setPassword } from '../person/account-store';
import { AccountToken } from '../person/account-token.entity';
import { recordLoginEvent } from '../person/login-events';
import { awaitsConfirmation, loginEssIdOf, membershipsOf } from '../person/login-rows';
import { SecurityEvent } from '../person/security-event.entity';
import { assertMayResetLogin } from '../person/stronger-credential';
import { Passkey } from '../second-factor/passkey.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import type { Sessions } from '../sessions/sessions';
import type { SignIn, SignInOutcome } from '../login/sign-in';
import { assistedResetCodeHash, newAssistedResetCode } from './assisted-reset-code';

const { DISABLED } = SelfServiceStatus;

export interface AssistedResetDeps {
  dataSource: DataSource;
  config: CredentialConfig;
  directory: Directory;
  sessions: Pick<Sessions, 'revokeAllOf'>;
  lockout: Lockout;
  signIn: Pick<SignIn, 'passwordSignIn'>;
}

/** What the administrator reads to the person, once. */
export interface IssuedAssistedReset {
  code: string;
  expiresAt: Date;
}

/** The identity facts, as the audit trail keeps them. */
const checked = (identityChecks: string[]) => `Identity checked: ${identityChecks.join('; ')}`;

/**
 * An assisted reset (DESIGN.md section 9): for a person whose email does not reach them, an
 * Administrator or a Password Reset Only contact of their organization checks who they are, records
 * which facts were checked and reads them a one-time code; with it the person chooses a new password
 * and signs in as after a password (a second factor is still asked). The code is stored hashed like
 * every one-time token, so the ways a token ends (a newer code, a password change, a reset, a
 * re-enrollment, a new lock) end it too.
 */
export function assistedReset(deps: AssistedResetDeps) {
  const { dataSource, config, directory, lockout } = deps;
  const tokens = dataSource.getRepository(AccountToken);

  /** The login of `userName` that holds a live code equal to `code`, and that code's row; null when none. */
  async function liveCode(userName: string, code: string) {
    for (const login of await findAccountsByUserName(dataSource.manager, userName)) {
      const row = await tokens.findOneBy({
        essId: login.essId,
        purpose: 'ASSISTED',
        tokenHash: assistedResetCodeHash(login.essId, code),
        usedAt: IsNull(),
        expiresAt: MoreThan(new Date()),
      });
      if (row) return { login, row };
    }
    return null;
  }

  /** The mail after the reset, unless the mail server refused the address for good. */
  async function mailOwner(login: SelfServiceAccount) {
    const undeliverable = (await reachabilityRows(dataSource.manager, [login.userName])).get(
      addressKey(login.userName),
    );
    if (
      undeliverable?.undeliverableAt &&
      (!undeliverable.verifiedAt || undeliverable.undeliverableAt >= undeliverable.verifiedAt)
    )
      return;
    const [contact, organization, passkeys] = await Promise.all([
      directory.contact(login.contactId),
      directory.organization(login.organizationId),
      dataSource.getRepository(Passkey).find({ where: { essId: login.essId }, order: { createdAt: 'ASC' } }),
    ]);
    const context = {
      fullName: contact?.fullName ?? login.userName,
      organization: organization?.displayName ?? 'your organization',
      userName: login.userName,
    };
    await withRetry(dataSource, (manager) =>
      enqueueMail(manager, {
        recipient: login.userName,
        ...templates.assistedReset(
          context,
          organization?.administrators ?? [],
          `${config.publicUrl}/sign-in`,
          `${config.publicUrl}/self-service/forgot-password`,
          passkeys.map((passkey) => passkey.name),
        ),
      }),
    );
  }

  return {
    /**
     * A new code for the login of `contactId` (registered, pending or locked); any older code stops
     * working. The caller's right to reset logins of the organization is checked by the rule; the
     * reset-only role's bound (no login that ever had a second factor) here.
     */
    async start(
      contactId: string,
      identityChecks: string[],
      actor: Principal,
      clientAddress?: string,
    ): Promise<IssuedAssistedReset> {
      const existing = await dataSource.getRepository(SelfServiceAccount).findOneBy({ contactId });
      // A membership the person has not confirmed is not this organization's to reset (it would set
      // the password another organization's person uses): as if there were no login here.
      if (!existing || awaitsConfirmation(existing))
        throw refused('NOT_REGISTERED', 'This contact has no self-service login yet; use Register.');
      const code = newAssistedResetCode();
      const expiresAt = new Date(Date.now() + config.assistedResetMinutes * 60_000);
      await withRetry(dataSource, async (manager) => {
        const login = (await lockAccount(manager, { essId: loginEssIdOf(existing) }))!;
        assertMayResetLogin(actor, login);
        if (login.status === DISABLED)
          throw refused('ACCOUNT_DISABLED', 'The contact is inactive; activate it and re-enroll it instead.');
        // A newer code spends every older one.
        await manager.update(
          AccountToken,
          { essId: login.essId, purpose: 'ASSISTED', usedAt: IsNull() },
          { usedAt: new Date() },
        );
        await manager.insert(AccountToken, {
          id: randomUUID(),
          tokenHash: assistedResetCodeHash(login.essId, code),
          essId: login.essId,
          purpose: 'ASSISTED',
          expiresAt,
          usedAt: null,
        });
        // Audited in the panel of the organization that pressed it, naming who checked what.
        await recordEvent(manager, existing, 'ASSISTED_RESET_STARTED', clientAddress, actor, checked(identityChecks));
      });
      return { code, expiresAt };
    },

    /**
     * The person's side: user name, code and a new password. A wrong code answers like a wrong
     * password and counts toward the login's lockout; an unknown user name answers alike. The right
     * code sets the password (which also unlocks and spends every other code and link), ends the
     * login's sessions, mails the owner, and signs in as `login` does (second step included).
     */
    async complete(
      userName: string,
      code: string,
      newPassword: string,
      clientAddress: string | undefined,
    ): Promise<SignInOutcome> {
      // The same budgets as a sign-in: a code is a password the guesser does not know. Spent once
      // for the request: the sign-in that follows a right code spends nothing more.
      await consumeSignInLimits(dataSource, config, clientAddress, userName);
      const found = await liveCode(userName, code);
      if (!found) {
        const [login] = await findAccountsByUserName(dataSource.manager, userName);
        if (login) await lockout.recordFailure(login.essId, clientAddress, 'ASSISTED_RESET_CODE');
        throw invalidCredentials();
      }
      const { login, row } = found;
      // The policy before spending the code, so a refused password can be corrected.
      await assertPasswordPolicy(
        newPassword,
        login.userName,
        await previousPasswordHashes(dataSource.manager, login.essId),
      );
      await withRetry(dataSource, async (manager) => {
        const locked = (await lockAccount(manager, { essId: login.essId }))!;
        const spent = await manager.update(AccountToken, { id: row.id, usedAt: IsNull() }, { usedAt: new Date() });
        if (spent.affected !== 1) throw invalidCredentials();
        if (locked.status === DISABLED) throw invalidCredentials();
        const memberships = await membershipsOf(manager, login.essId);
        const started = await manager.findOne(SecurityEvent, {
          where: { contactId: In(memberships.map((m) => m.contactId)), type: 'ASSISTED_RESET_STARTED' },
          order: { at: 'DESC' },
        });
        await setPassword(manager, locked, newPassword);
        const by = started ? `Code given by ${started.actorKind.toLowerCase()} ${started.actorId ?? ''}`.trim() : '';
        await recordLoginEvent(
          manager,
          login.essId,
          'ASSISTED_RESET',
          clientAddress,
          undefined,
          [by, started?.details].filter(Boolean).join('. '),
        );
      });
      await deps.sessions.revokeAllOf((await membershipsOf(dataSource.manager, login.essId)).map((m) => m.contactId));
      await mailOwner(login);
      return deps.signIn.passwordSignIn(login.userName, newPassword, clientAddress);
    },
  };
}

export type AssistedResets = ReturnType<typeof assistedReset>;
