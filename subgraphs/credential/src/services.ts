import type { DataSource } from 'typeorm';
import type { Logger } from '@ecg/shared';
import type { CredentialConfig } from './config';
import { contactDirectory } from './contact-directory/contact-directory';
import { loadKeyStore } from './keys/key-store';
import { signIn } from './login/sign-in';
import { sessions } from './sessions/sessions';
import { ensureFirstStaff } from './staff/staff-bootstrap';

/** What every request of this subgraph shares: the keys, sessions, sign-in, the contact directory. */
export async function startServices(dataSource: DataSource, config: CredentialConfig, logger: Logger) {
  await ensureFirstStaff(dataSource, config.staff, logger);
  const keys = await loadKeyStore(dataSource, config.privateKeyPem);
  const sessionStore = sessions(dataSource, config, keys);
  const directory = contactDirectory(config, keys);
  return { config, keys, sessions: sessionStore, directory, signIn: signIn(dataSource, sessionStore, directory) };
}

export type CredentialServices = Awaited<ReturnType<typeof startServices>>;
