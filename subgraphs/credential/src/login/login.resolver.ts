import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { z } from 'zod';
import { validateArgs } from '@ecg/infrastructure';
import { consumeSignInLimits } from './sign-in-limits';
import type { CredentialContext } from '../context';
import { LoginResult } from './login-result.type';
import { Session } from './session.type';
import type { SignInOutcome } from './sign-in';

const secret = z.string().min(1, 'is required').max(1024, 'is too long');
const organization = z.string().uuid('is not an organization id');
const asSession = (issued: Omit<Session, 'tokenType'>): Session => ({ ...issued, tokenType: 'Bearer' });

/** A sign-in's answer: a session, the organizations to choose from, or the second step to take. */
export function toLoginResult(outcome: SignInOutcome): LoginResult {
  const none = {
    secondFactorRequired: false,
    secondFactorChallenge: null,
    secondFactorKinds: [],
    secondFactorPasskeyOptions: null,
    secondFactorEnrolmentRequired: false,
    secondFactorEnrolmentChallenge: null,
    organizationChoiceRequired: false,
    organizations: [],
    choiceToken: null,
  };
  if ('session' in outcome) return { ...asSession(outcome.session), ...none };
  const noSession = {
    accessToken: null,
    refreshToken: null,
    tokenType: 'Bearer',
    expiresIn: null,
    passwordChangeRequired: false,
  };
  if ('secondFactor' in outcome)
    return {
      ...noSession,
      ...none,
      secondFactorRequired: true,
      secondFactorChallenge: outcome.secondFactor.token,
      secondFactorKinds: outcome.secondFactor.kinds,
      secondFactorPasskeyOptions: outcome.secondFactor.passkeyOptions,
    };
  if ('enrolment' in outcome)
    return {
      ...noSession,
      ...none,
      secondFactorEnrolmentRequired: true,
      secondFactorEnrolmentChallenge: outcome.enrolment.token,
    };
  return {
    ...noSession,
    ...none,
    organizationChoiceRequired: true,
    organizations: outcome.choice.organizations,
    choiceToken: outcome.choice.token,
  };
}

@Resolver()
export class LoginResolver {
  @Mutation(() => LoginResult, {
    description:
      'Sign in with user name (email) and password. Every failure answers the same. A person of several organizations gets the organizations to choose from.',
  })
  async login(
    @Arg('userName', () => String) userName: string,
    @Arg('password', () => String) password: string,
    @Ctx() context: CredentialContext,
  ): Promise<LoginResult> {
    const args = validateArgs(
      z.object({ userName: z.string().trim().min(1, 'is required').max(254, 'is too long'), password: secret }),
      { userName, password },
    );
    await consumeSignInLimits(context.dataSource, context.services.config, context.req.ip, args.userName);
    return toLoginResult(await context.services.signIn.login(args.userName, args.password, context.req.ip));
  }

  @Mutation(() => Session, {
    description: 'After `login` offered several organizations: a session for the one chosen.',
  })
  async chooseOrganization(
    @Arg('choiceToken', () => String) choiceToken: string,
    @Arg('organizationId', () => ID) organizationId: string,
    @Ctx() context: CredentialContext,
  ) {
    const args = validateArgs(z.object({ choiceToken: secret, organizationId: organization }), {
      choiceToken,
      organizationId,
    });
    return asSession(
      await context.services.signIn.chooseOrganization(args.choiceToken, args.organizationId, context.req.ip),
    );
  }

  @Mutation(() => Session, {
    description:
      'A session for another organization the signed-in person acts for, without the password. The current session stays.',
  })
  async switchOrganization(@Arg('organizationId', () => ID) organizationId: string, @Ctx() context: CredentialContext) {
    const args = validateArgs(z.object({ organizationId: organization }), { organizationId });
    return asSession(
      await context.services.signIn.switchOrganization(context.principal, args.organizationId, context.req.ip),
    );
  }

  @Mutation(() => Session, {
    description: 'Spend a refresh token for a new session (types and status are read again).',
  })
  async refreshToken(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() context: CredentialContext) {
    const args = validateArgs(z.object({ refreshToken: secret }), { refreshToken });
    const { signIn, sessions } = context.services;
    return asSession(await sessions.rotate(args.refreshToken, (token) => signIn.subjectFor(token)));
  }

  @Mutation(() => Boolean, { description: 'Revoke this session (the refresh token and every one rotated from it).' })
  async logout(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() context: CredentialContext) {
    const args = validateArgs(z.object({ refreshToken: secret }), { refreshToken });
    await context.services.sessions.logout(args.refreshToken);
    return true;
  }

  @Mutation(() => Session, {
    description: "Change one's own password; other sessions are signed out, a new one is returned.",
  })
  async changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() context: CredentialContext,
  ) {
    const args = validateArgs(z.object({ currentPassword: secret, newPassword: secret }), {
      currentPassword,
      newPassword,
    });
    return asSession(
      await context.services.signIn.changePassword(
        context.principal,
        args.currentPassword,
        args.newPassword,
        context.req.ip,
      ),
    );
  }
}
