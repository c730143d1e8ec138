import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { Passkeys1764100000001 } from './migrations/1764100000001-passkeys';
import { SecondFactors1764100000000 } from './migrations/1764100000000-second-factors';
import { SecondFactorFollowUp1764100000002 } from './migrations/1764100000002-second-factor-follow-up';
import { Passkey } from './passkey.entity';
import { RecoveryCode } from './recovery-code.entity';
import { SecondFactor } from './second-factor.entity';
import { secondFactorPermissions } from './second-factor.permissions';
import { MySecondFactorsResolver, SecondFactorPanelResolver, SecondFactorResolver } from './second-factor.resolver';
// After second-factor.resolver: type-graphql lists fields in the order their classes load (the SDL's order).
import { MyPasskeysResolver, PasskeyResolver } from './passkey.resolver';

/** Authenticator codes, passkeys and recovery codes: enrolment, the second step of sign-in, the panel and its reset. */
export const secondFactorModule: SubgraphModule<CredentialServices> = {
  name: 'second-factor',
  resolvers: [
    SecondFactorResolver,
    SecondFactorPanelResolver,
    MySecondFactorsResolver,
    PasskeyResolver,
    MyPasskeysResolver,
  ],
  rules: secondFactorPermissions,
  entities: [SecondFactor, RecoveryCode, Passkey],
  migrations: [SecondFactors1764100000000, Passkeys1764100000001, SecondFactorFollowUp1764100000002],
};
