import { Args, Ctx, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { PageArgs, pageOffset, PageType, toPage } from '@ecg/infrastructure';
import type { CredentialContext } from '../context';
import { SecurityEvent } from '../person/security-event.entity';
import { availableActions, SelfServiceAction } from '../self-service/self-service-actions';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import { Contact } from './contact.entity';
import { visibleAccount } from './visible-account';
import { awaitsConfirmation, loginEssIdOf } from '../person/login-rows';
import { mayResetLogin } from '../person/stronger-credential';
import { loginOf } from '../person/login-of';

/** The buttons of a panel; only a disabled login asks the contact subgraph whether its contact is active again. */
async function actionsOf(account: SelfServiceAccount | null, context: CredentialContext): Promise<SelfServiceAction[]> {
  if (account?.status !== SelfServiceStatus.DISABLED) {
    const actions = availableActions(account?.status ?? null);
    // Reset second factors: only when the login has one (a membership not yet confirmed acts on nothing of the login's).
    const hasFactor =
      account &&
      !awaitsConfirmation(account) &&
      (await context.services.secondFactors.kindsOf(loginEssIdOf(account))).length > 0;
    const all = hasFactor ? [...actions, SelfServiceAction.RESET_SECOND_FACTORS] : actions;
    // The buttons the caller would be refused (STRONGER_CREDENTIAL) are not offered.
    const login = account && (await loginOf(account, context.loaders.selfService.byEssId));
    return login && context.principal && !mayResetLogin(context.principal, login)
      ? all.filter((a) => a === SelfServiceAction.REGISTER)
      : all;
  }
  return availableActions(
    account.status,
    (await context.loaders.contactFacts.load(account.contactId))?.status === 'ACTIVE',
  );
}

@ObjectType({ description: 'One page of security events, newest first.' })
export class SecurityEventPage extends PageType(SecurityEvent) {}

@Resolver(() => Contact)
export class ContactSelfServiceResolver {
  @FieldResolver(() => SelfServiceAccount, {
    nullable: true,
    description: 'The Self Service Details panel; null when never registered.',
  })
  selfService(@Root() contact: Contact, @Ctx() context: CredentialContext) {
    return visibleAccount(context, contact.id);
  }

  @FieldResolver(() => [SelfServiceAction], {
    description: 'The buttons that apply now, REGISTER included when there is no login yet.',
  })
  async selfServiceActions(@Root() contact: Contact, @Ctx() context: CredentialContext) {
    return actionsOf(await visibleAccount(context, contact.id), context);
  }
}

@Resolver(() => SelfServiceAccount)
export class SelfServiceAccountResolver {
  @FieldResolver(() => [SelfServiceAction], { description: 'The buttons that apply now: Unlock only when locked.' })
  availableActions(@Root() account: SelfServiceAccount, @Ctx() context: CredentialContext) {
    return actionsOf(account, context);
  }

  @FieldResolver(() => SecurityEventPage, {
    description: "Sign-ins, locks, unlocks, registrations, resets: the login's audit trail.",
  })
  async securityEvents(
    @Root() account: SelfServiceAccount,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: CredentialContext,
  ) {
    const [items, total] = await context.dataSource.getRepository(SecurityEvent).findAndCount({
      where: { contactId: account.contactId },
      order: { at: 'DESC', id: 'DESC' },
      skip: pageOffset(page),
      take: page.pageSize,
    });
    return toPage(items, total, page);
  }
}
