import { Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { PageArgs, pageOffset, toPage } from '@ecg/infrastructure';
import type { CredentialContext } from '../context';
import { SecurityEventPage } from '../contact/contact-self-service.resolver';
import { recordEvent } from '../person/account-events';
import { SecurityEvent } from '../person/security-event.entity';
import { Me } from '../me/me.type';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { loginEssIdOf, membershipsOf } from '../person/login-rows';

/**
 * What a person checks to notice misuse of their own login (the /account page): their own Self
 * Service Details and security events, whatever their contact types, and "Sign out everywhere".
 */
@Resolver(() => Me)
export class MyAccountResolver {
  @FieldResolver(() => SelfServiceAccount, {
    nullable: true,
    description: 'Your own Self Service Details; null for staff.',
  })
  selfService(@Ctx() context: CredentialContext) {
    const principal = context.principal;
    return principal.kind === 'contact' ? context.loaders.selfService.byContactId.load(principal.id) : null;
  }

  @FieldResolver(() => SecurityEventPage, {
    description:
      'Your own security events, newest first (sign-ins, failures, locks, password changes); empty for staff.',
  })
  async securityEvents(@Root() _me: Me, @Args(() => PageArgs) page: PageArgs, @Ctx() context: CredentialContext) {
    const principal = context.principal;
    if (principal.kind !== 'contact') return toPage([], 0, page);
    const [items, total] = await context.dataSource.getRepository(SecurityEvent).findAndCount({
      where: { contactId: principal.id },
      order: { at: 'DESC', id: 'DESC' },
      skip: pageOffset(page),
      take: page.pageSize,
    });
    return toPage(items, total, page);
  }

  @Mutation(() => Boolean, {
    description:
      'Sign out everywhere: every session of yours ends now (other browsers at their next request, or at most the access token lifetime). It does not remove your passkeys, authenticator app or recovery codes, nor change your password: remove a passkey you do not recognise, and change your password, if someone else may have signed in.',
  })
  async signOutEverywhere(@Ctx() context: CredentialContext) {
    const principal = context.principal;
    if (principal.kind !== 'contact' && principal.kind !== 'staff') return false;
    if (principal.kind === 'staff') await context.services.sessions.revokeAllOf([principal.id]);
    if (principal.kind === 'contact') {
      // The person's sessions in every organization they act for: one login, one "everywhere".
      const own = await context.dataSource.getRepository(SelfServiceAccount).findOneBy({ contactId: principal.id });
      await context.services.sessions.revokeAllOf(
        own
          ? (await membershipsOf(context.dataSource.manager, loginEssIdOf(own))).map((m) => m.contactId)
          : [principal.id],
      );
      if (own) await recordEvent(context.dataSource.manager, own, 'SIGNED_OUT_EVERYWHERE', context.req.ip, principal);
    }
    return true;
  }
}
