import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CredentialContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { byUrgency, EmailReachabilityIssue, issueOf } from './email-reachability-report.type';
import { contactReachability } from './email-reachability.resolver';

@Resolver(() => Organization)
export class EmailReachabilityReportResolver {
  @FieldResolver(() => [EmailReachabilityIssue], {
    description:
      'The health report: every active contact whose self-service mail may not reach them, overdue temporary addresses first.',
  })
  async emailReachabilityReport(@Root() organization: Organization, @Ctx() context: CredentialContext) {
    const contacts = await context.services.directory.activeContactsOf(organization.id);
    const now = new Date();
    const issues = await Promise.all(
      contacts.map(async (facts) => issueOf(facts.id, await contactReachability(facts, context), now)),
    );
    return issues.filter((issue): issue is EmailReachabilityIssue => issue !== null).sort(byUrgency);
  }
}
