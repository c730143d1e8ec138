import { rateLimitModule, type LoadersMatch } from '@ecg/infrastructure';
import type { CredentialContext } from './context';
import { accountModule } from './account/account.module';
import { assistedResetModule } from './assisted-reset/assisted-reset.module';
import { administratorDirectoryModule } from './administrator-directory/administrator-directory.module';
import { contactDirectoryModule } from './contact-directory/contact-directory.module';
import { contactModule } from './contact/contact.module';
import { emailReachabilityModule } from './email-reachability/email-reachability.module';
import { internetAccessModule } from './internet-access/internet-access.module';
import { keysModule } from './keys/keys.module';
import { lifecycleModule } from './lifecycle/lifecycle.module';
import { loginModule } from './login/login.module';
import { mailModule } from './mail/mail.module';
import { meModule } from './me/me.module';
import { schemaHistoryModule } from './migrations/schema-history.module';
import { personModule } from './person/person.module';
import { revocationModule } from './revocation/revocation.module';
import { secondFactorModule } from './second-factor/second-factor.module';
import { selfServiceModule } from './self-service/self-service.module';
import { sessionsModule } from './sessions/sessions.module';
import { staffModule } from './staff/staff.module';

/** The credential subgraph's feature folders: a new one is added here and nowhere else. */
export const credentialModules = [
  loginModule,
  meModule,
  secondFactorModule,
  lifecycleModule,
  assistedResetModule,
  contactModule,
  emailReachabilityModule,
  selfServiceModule,
  contactDirectoryModule,
  accountModule,
  keysModule,
  sessionsModule,
  revocationModule,
  mailModule,
  staffModule,
  internetAccessModule,
  administratorDirectoryModule,
  personModule,
  schemaHistoryModule,
  rateLimitModule,
] as const;

/** The loaders the modules contribute are the ones the declared context names (a compile-time check). */
export const moduleLoadersMatchContext: LoadersMatch<typeof credentialModules, CredentialContext['loaders']> = true;
