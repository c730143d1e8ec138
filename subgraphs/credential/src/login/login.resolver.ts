import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { CredentialContext } from '../context';
import { LoginResult } from './login-result.type';
import { Session } from './session.type';
import type { SignInOutcome } from './sign-in';
import {
  ChangePasswordArgs,
  ChooseOrganizationArgs,
  LoginArgs,
  RefreshTokenArgs,
  SwitchOrganizationArgs,
} from './login.inputs';

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
    internetAccessRequestToken: null,
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
  if ('internetAccess' in outcome)
    return { ...noSession, ...none, internetAccessRequestToken: outcome.internetAccess.token };
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
  async login(@Args(() => LoginArgs) args: LoginArgs, @Ctx() context: CredentialContext): Promise<LoginResult> {
    return toLoginResult(await context.services.signIn.login(args.userName, args.password, context.req.ip));
  }

  // A LoginResult, not a Session: it has every field of Session (a client selecting those still
  // works) and can answer, as the other proof paths do, with the token to request internet access.
  @Mutation(() => LoginResult, {
    description:
      'After `login` offered several organizations: a session for the one chosen; or, when that organization allows sign-in from ' +
      'its internal network only and the caller is on the internet, no session and `internetAccessRequestToken`, as `login` answers.',
  })
  async chooseOrganization(
    @Args(() => ChooseOrganizationArgs) args: ChooseOrganizationArgs,
    @Ctx() context: CredentialContext,
  ): Promise<LoginResult> {
    return toLoginResult(
      await context.services.signIn.chooseOrganization(args.choiceToken, args.organizationId, context.req.ip),
    );
  }

  @Mutation(() => Session, {
    description:
      'A session for another organization the signed-in person acts for, without the password. The current session stays.',
  })
  async switchOrganization(
    @Args(() => SwitchOrganizationArgs) args: SwitchOrganizationArgs,
    @Ctx() context: CredentialContext,
  ) {
    return asSession(
      await context.services.signIn.switchOrganization(context.principal, args.organizationId, context.req.ip),
    );
  }

  @Mutation(() => Session, {
    description:
      'Spend a refresh token for a new session: the session gate decides again (lock, contact status, types, internet access, a required second factor, the absolute lifetime); a refusal ends the session with its code.',
  })
  async refreshToken(@Args(() => RefreshTokenArgs) args: RefreshTokenArgs, @Ctx() context: CredentialContext) {
    return asSession(await context.services.sessionGate.refresh(args.refreshToken, context.req.ip));
  }

  @Mutation(() => Boolean, { description: 'Revoke this session (the refresh token and every one rotated from it).' })
  async logout(@Args(() => RefreshTokenArgs) args: RefreshTokenArgs, @Ctx() context: CredentialContext) {
    await context.services.sessions.logout(args.refreshToken);
    return true;
  }

  @Mutation(() => Session, {
    description: "Change one's own password; other sessions are signed out, a new one is returned.",
  })
  async changePassword(@Args(() => ChangePasswordArgs) args: ChangePasswordArgs, @Ctx() context: CredentialContext) {
    return asSession(
      await context.services.changePassword(context.principal, args.currentPassword, args.newPassword, context.req.ip),
    );
  }
}
