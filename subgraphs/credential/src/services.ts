import type { DataSource } from 'typeorm';
import { startPeriodic, type Logger } from '@ecg/infrastructure';
import type { CredentialConfig } from './config';
import { directory } from './contact-directory/contact-directory';
import { serviceClient } from './contact-directory/service-client';
import { loadKeyStore } from './keys/key-store';
import { networkZones } from './lockout/network-zone';
import { selfServiceLifecycle } from './lifecycle/self-service-lifecycle';
import { signIn } from './login/sign-in';
import { assistedReset } from './assisted-reset/assisted-reset';
import { changePassword } from './login/change-password';
import { sessionGate } from './gates/session-gate';
import { stepUpGate } from './gates/step-up-gate';
import { lockout } from './lockout/lockout';
import { internetAccessRequests } from './internet-access/internet-access-requests';
import { staffSignIn } from './staff/staff-sign-in';
import { startPurge } from './purge/purge';
import { secondFactors } from './second-factor/second-factors';
import { createMailer } from './mail/mailer';
import { startDispatcher } from './mail/outbox';
import { sessions } from './sessions/sessions';
import { sessionRevocations } from './sessions/session-revocations';
import { ensureFirstStaff } from './staff/staff-bootstrap';
import { disableDemoStaffInProduction } from './staff/demo-staff-guard';
import { startPasswordResetQueue } from './lifecycle/password-reset-queue';
import { configurePasswordHashing } from './passwords/password-hasher';

/** What every request of this subgraph shares: keys, sessions, sign-in, the lifecycle, the mail dispatcher. */
export async function startServices(dataSource: DataSource, config: CredentialConfig, logger: Logger) {
  configurePasswordHashing(config.passwordHashCost);
  const zoneOf = networkZones(config.lockout.internalNetworks);
  await disableDemoStaffInProduction(dataSource, config, logger);
  await ensureFirstStaff(dataSource, config.staff, logger);
  const keys = await loadKeyStore(dataSource, config.privateKeyPem);
  const sessionStore = sessions(dataSource, config, keys);
  const lookup = directory(config, serviceClient(config, keys));
  const factors = secondFactors(dataSource, config);
  const lifecycle = selfServiceLifecycle(dataSource, config, lookup, sessionStore, factors);
  const locks = lockout(dataSource, config, lookup, zoneOf, logger);
  const gate = sessionGate({ dataSource, config, directory: lookup, zoneOf, factors, sessions: sessionStore });
  const stepUp = stepUpGate({ dataSource, config, factors, lockout: locks });
  const staff = staffSignIn(dataSource, config, gate, factors, logger);
  const signInFlow = signIn({
    dataSource,
    config,
    directory: lookup,
    gate,
    sessions: sessionStore,
    factors,
    lockout: locks,
    staff,
  });
  const internetAccess = internetAccessRequests({ dataSource, config, directory: lookup });
  const dispatcher = startDispatcher(dataSource, createMailer(config.mail, logger), logger, config.mailDispatch);
  return {
    config,
    keys,
    directory: lookup,
    sessions: sessionStore,
    sessionGate: gate,
    stepUp,
    lockout: locks,
    signIn: signInFlow,
    assistedReset: assistedReset({
      dataSource,
      config,
      directory: lookup,
      sessions: sessionStore,
      lockout: locks,
      signIn: signInFlow,
    }),
    changePassword: changePassword({ dataSource, config, gate, stepUp, sessions: sessionStore }),
    purge: startPurge(dataSource, logger),
    secondFactors: factors,
    lifecycle,
    dispatcher,
    resetQueue: startPasswordResetQueue(
      dataSource,
      (request) => lifecycle.sendResetLink(request),
      logger,
      config.mailDispatch.pollMilliseconds,
    ),
    revocations: sessionRevocations(dataSource, config),
    internetAccess,
    // A lapse is told to the person even when nobody reads the requests.
    lapses: startPeriodic(
      'lapse undecided internet access requests',
      10 * 60_000,
      () => internetAccess.lapse(),
      logger,
    ),
  };
}

export type CredentialServices = Awaited<ReturnType<typeof startServices>>;
