import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createLocalJWKSet, exportJWK, type JSONWebKeySet, type JWK } from 'jose';
import type { DataSource } from 'typeorm';
import { SigningKey } from './signing-key.entity';

export interface KeyStore {
  kid: string;
  privateKey: KeyObject;
  jwks: JSONWebKeySet;
  verificationKeys: ReturnType<typeof createLocalJWKSet>;
}

const kidOf = (publicKey: KeyObject) =>
  createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64url')
    .slice(0, 32);

/**
 * The signing key: `JWT_PRIVATE_KEY` when configured, otherwise the newest key in the database,
 * generated (Ed25519) on the very first start. The JWKS lists every stored key, so tokens signed
 * by a replica with an older key still verify. Runs at start under the database's startup lock
 * (shared `withStartupLock`), so replicas starting together on an empty database create one key.
 */
export async function loadKeyStore(dataSource: DataSource, configuredPem: string | null): Promise<KeyStore> {
  const repository = dataSource.getRepository(SigningKey);
  if (configuredPem) {
    const privateKey = createPrivateKey(configuredPem);
    const kid = kidOf(createPublicKey(privateKey));
    if (!(await repository.existsBy({ kid })))
      await repository.insert({ kid, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
  } else if ((await repository.count()) === 0) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    await repository.insert({
      kid: kidOf(publicKey),
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
  }
  const rows = await repository.find({ order: { createdAt: 'DESC', kid: 'ASC' } });
  const keys: JWK[] = await Promise.all(
    rows.map(async (row) => ({
      ...(await exportJWK(createPublicKey(createPrivateKey(row.privateKeyPem)))),
      kid: row.kid,
      alg: 'EdDSA',
      use: 'sig',
    })),
  );
  const signing = configuredPem ? createPrivateKey(configuredPem) : createPrivateKey(rows[0].privateKeyPem);
  const jwks = { keys };
  return { kid: kidOf(createPublicKey(signing)), privateKey: signing, jwks, verificationKeys: createLocalJWKSet(jwks) };
}
