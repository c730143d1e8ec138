import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { z } from 'zod';
import { consumeRateLimit, validateArgs } from '@ecg/infrastructure';
import type { CredentialContext } from '../context';
import { normalizeUserName } from '../login/user-name';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';

const contactId = z.string().uuid('is not a contact id');
const token = z.string().min(20, 'is not a valid link token').max(200, 'is not a valid link token');
/** Public mutations: a few tries a minute per client address, shared by every replica. */
const PUBLIC_LIMIT = { limit: 10, windowSeconds: 60 };

@ObjectType()
export class PasswordResetRequest {
  @Field(() => String, { description: 'The same words whether or not the user name exists.' })
  message: string;
}

@Resolver()
export class SelfServiceLifecycleResolver {
  @Mutation(() => SelfServiceAccount, {
    description:
      'The Register button: a login and an emailed temporary password (24 hours). ALREADY_REGISTERED, CONTACT_INACTIVE, NO_EMAIL.',
  })
  register(@Arg('contactId', () => ID) id: string, @Ctx() context: CredentialContext) {
    const args = validateArgs(z.object({ contactId }), { contactId: id });
    return context.services.lifecycle.register(args.contactId, context.principal, context.req.ip);
  }

  @Mutation(() => SelfServiceAccount, {
    description:
      'The Re-Enroll button: a new temporary password (24 hours); old passwords and sessions stop working. NOT_REGISTERED, ACCOUNT_DISABLED.',
  })
  reEnroll(@Arg('contactId', () => ID) id: string, @Ctx() context: CredentialContext) {
    const args = validateArgs(z.object({ contactId }), { contactId: id });
    return context.services.lifecycle.reEnroll(args.contactId, context.principal, context.req.ip);
  }

  @Mutation(() => SelfServiceAccount, {
    description:
      'The Unlock button (only when locked, else NOT_LOCKED): the owner gets a link, valid 24 hours, that finishes unlocking.',
  })
  unlock(@Arg('contactId', () => ID) id: string, @Ctx() context: CredentialContext) {
    const args = validateArgs(z.object({ contactId }), { contactId: id });
    return context.services.lifecycle.unlock(args.contactId, context.principal, context.req.ip);
  }

  @Mutation(() => Boolean, {
    description: "What the unlock email's link calls. INVALID_TOKEN when used, expired or unknown.",
  })
  async completeUnlock(@Arg('token', () => String) value: string, @Ctx() context: CredentialContext) {
    const args = validateArgs(z.object({ token }), { token: value });
    await consumeRateLimit(context.dataSource, `completeUnlock:${context.req.ip}`, PUBLIC_LIMIT);
    await context.services.lifecycle.completeUnlock(args.token, context.req.ip);
    return true;
  }

  @Mutation(() => PasswordResetRequest, {
    description:
      'Forgotten password: the same answer whether or not the user exists; a link (1 hour) if it does and has an email.',
  })
  async requestPasswordReset(@Arg('userName', () => String) userName: string, @Ctx() context: CredentialContext) {
    const args = validateArgs(z.object({ userName: z.string().trim().min(1, 'is required').max(254, 'is too long') }), {
      userName,
    });
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
  async resetPassword(
    @Arg('token', () => String) value: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() context: CredentialContext,
  ) {
    const args = validateArgs(
      z.object({ token, newPassword: z.string().min(1, 'is required').max(1024, 'is too long') }),
      { token: value, newPassword },
    );
    await consumeRateLimit(context.dataSource, `resetPassword:${context.req.ip}`, PUBLIC_LIMIT);
    await context.services.lifecycle.resetPassword(args.token, args.newPassword, context.req.ip);
    return true;
  }

  @Mutation(() => SelfServiceAccount, {
    description: "Staff only: the panel's internal message (staff read it) and external message.",
  })
  setSelfServiceMessages(
    @Arg('contactId', () => ID) id: string,
    @Arg('internalMessage', () => String, { nullable: true }) internalMessage: string | null,
    @Arg('externalMessage', () => String, { nullable: true }) externalMessage: string | null,
    @Ctx() context: CredentialContext,
  ) {
    const text = z
      .string()
      .trim()
      .max(500, 'is at most 500 characters')
      .nullish()
      .transform((v) => v || null);
    const args = validateArgs(z.object({ contactId, internalMessage: text, externalMessage: text }), {
      contactId: id,
      internalMessage,
      externalMessage,
    });
    return context.services.lifecycle.setMessages(args.contactId, args);
  }
}
