import { Args, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { awaitsConfirmation, loginEssIdOf } from '../person/login-rows';
import { consumeRateLimit } from '@ecg/infrastructure';
import type { CredentialContext } from '../context';
import { normalizeUserName } from '../person/user-name';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { RegistrationOutcome } from './register-many.types';
import {
  ContactIdArgs,
  RegisterManyArgs,
  RequestPasswordResetArgs,
  ResetPasswordArgs,
  SelfServiceMessagesArgs,
  TokenArgs,
} from './self-service-lifecycle.inputs';

/** Public mutations: a few tries a minute per client address, shared by every replica. */
const PUBLIC_LIMIT = { limit: 10, windowSeconds: 60 };
/** Opening a link's page checks it: reloads and a second tab are ordinary, guessing a token is not feasible. */
const CHECK_LIMIT = { limit: 30, windowSeconds: 60 };

@ObjectType()
export class PasswordResetRequest {
  @Field(() => String, { description: 'The same words whether or not the user name exists.' })
  message: string;
}

@ObjectType({ description: 'An emailed link that still works: unused, unexpired, and its login as the link needs it.' })
export class SelfServiceLink {
  @Field(() => String, { description: "The login's user name (its email address), to name it and prefill Sign In." })
  userName: string;
}

@Resolver()
export class SelfServiceLifecycleResolver {
  @Query(() => SelfServiceLink, {
    nullable: true,
    description:
      "The reset email's link, checked without spending it, when its page opens. Null: used, expired or unknown.",
  })
  async passwordResetLink(@Args(() => TokenArgs) args: TokenArgs, @Ctx() context: CredentialContext) {
    await consumeRateLimit(context.dataSource, `checkLink:${context.req.ip}`, CHECK_LIMIT);
    return context.services.lifecycle.checkLink(args.token, 'RESET');
  }

  @Query(() => SelfServiceLink, {
    nullable: true,
    description:
      "The unlock email's link, checked without spending it, when its page opens. Null: used, expired, unknown, or the login is no longer locked.",
  })
  async unlockLink(@Args(() => TokenArgs) args: TokenArgs, @Ctx() context: CredentialContext) {
    await consumeRateLimit(context.dataSource, `checkLink:${context.req.ip}`, CHECK_LIMIT);
    return context.services.lifecycle.checkLink(args.token, 'UNLOCK');
  }

  @Mutation(() => SelfServiceAccount, {
    description:
      'The Register button: a login and an emailed temporary password (24 hours). ALREADY_REGISTERED, CONTACT_INACTIVE, NO_EMAIL.',
  })
  register(@Args(() => ContactIdArgs) args: ContactIdArgs, @Ctx() context: CredentialContext) {
    return context.services.lifecycle.register(args.contactId, context.principal, context.req.ip);
  }

  @Mutation(() => [RegistrationOutcome], {
    description:
      '"Set to enroll by batch": Register for up to 100 contacts of one organization, one outcome per contact (REGISTERED, LINKED, or the code that refused it). BAD_USER_INPUT on `contactIds` for more than 100 or contacts of several organizations.',
  })
  async registerMany(@Args(() => RegisterManyArgs) args: RegisterManyArgs, @Ctx() context: CredentialContext) {
    // The rule has asked for these contacts already: the loader answers from its cache.
    const facts = await context.loaders.contactFacts.loadMany([...new Set(args.contactIds)]);
    return context.services.lifecycle.registerMany(
      args.contactIds,
      context.principal,
      context.req.ip,
      facts.map((f) => (f instanceof Error ? null : f)),
    );
  }

  @Mutation(() => SelfServiceAccount, {
    description:
      'The Re-Enroll button: a new temporary password (24 hours); old passwords and sessions stop working. NOT_REGISTERED, ACCOUNT_DISABLED.',
  })
  reEnroll(@Args(() => ContactIdArgs) args: ContactIdArgs, @Ctx() context: CredentialContext) {
    return context.services.lifecycle.reEnroll(args.contactId, context.principal, context.req.ip);
  }

  @Mutation(() => SelfServiceAccount, {
    description:
      'The Unlock button (only when locked, else NOT_LOCKED): the owner gets a link, valid 24 hours, that finishes unlocking.',
  })
  unlock(@Args(() => ContactIdArgs) args: ContactIdArgs, @Ctx() context: CredentialContext) {
    return context.services.lifecycle.unlock(args.contactId, context.principal, context.req.ip);
  }

  @Mutation(() => Boolean, {
    description: "What the unlock email's link calls. INVALID_TOKEN when used, expired or unknown.",
  })
  async completeUnlock(@Args(() => TokenArgs) args: TokenArgs, @Ctx() context: CredentialContext) {
    await consumeRateLimit(context.dataSource, `completeUnlock:${context.req.ip}`, PUBLIC_LIMIT);
    await context.services.lifecycle.completeUnlock(args.token, context.req.ip);
    return true;
  }

  @Mutation(() => PasswordResetRequest, {
    description:
      'Forgotten password: the same answer whether or not the user exists; a link (1 hour) if it does and has an email.',
  })
  async requestPasswordReset(
    @Args(() => RequestPasswordResetArgs) args: RequestPasswordResetArgs,
    @Ctx() context: CredentialContext,
  ) {
    await consumeRateLimit(context.dataSource, `requestPasswordReset:${context.req.ip}`, PUBLIC_LIMIT);
    // Per user name too: nobody floods one person's mailbox from many addresses.
    await consumeRateLimit(context.dataSource, `requestPasswordReset:user:${normalizeUserName(args.userName)}`, {
      limit: 3,
      windowSeconds: 15 * 60,
    });
    return { message: await context.services.lifecycle.requestPasswordReset(args.userName, context.req.ip) };
  }

  @Mutation(() => Boolean, {
    description: "What the reset email's link calls: a new password, which also unlocks the login.",
  })
  async resetPassword(@Args(() => ResetPasswordArgs) args: ResetPasswordArgs, @Ctx() context: CredentialContext) {
    await consumeRateLimit(context.dataSource, `resetPassword:${context.req.ip}`, PUBLIC_LIMIT);
    await context.services.lifecycle.resetPassword(args.token, args.newPassword, context.req.ip);
    return true;
  }

  @Mutation(() => SelfServiceAccount, {
    description: "Staff only: the panel's internal message (staff read it) and external message.",
  })
  setSelfServiceMessages(
    @Args(() => SelfServiceMessagesArgs) { contactId, internalMessage, externalMessage }: SelfServiceMessagesArgs,
    @Ctx() context: CredentialContext,
  ) {
    return context.services.lifecycle.setMessages(contactId, { internalMessage, externalMessage });
  }
}

/** The panel's pending unlock: the Unlock button was pressed and its link not yet followed. */
@Resolver(() => SelfServiceAccount)
export class UnlockLinkPanelResolver {
  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'When the Unlock button last mailed a link that is still unused and unexpired (the login stays locked until the owner follows it); null when none.',
  })
  async unlockLinkSentAt(@Root() account: SelfServiceAccount, @Ctx() context: CredentialContext) {
    if (awaitsConfirmation(account)) return null;
    return context.services.lifecycle.unlockLinkSentAt(loginEssIdOf(account));
  }
}
