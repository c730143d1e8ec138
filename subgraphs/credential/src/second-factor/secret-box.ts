import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The second-factor key (SECOND_FACTOR_KEY) split by HKDF into an encryption key and a hashing
 * key, so one use can never be turned against the other.
 */
export function secretBox(masterKey: Buffer) {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const encryptionKey = derive('ecg second factor: totp secret encryption');
  const hashingKey = derive('ecg second factor: recovery code hashing');
  return {
    /** AES-256-GCM: `v1.<iv>.<ciphertext>.<tag>` (base64url); the login's id is authenticated with it, so a ciphertext moved to another row does not open. */
    seal(plain: string, essId: number): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      cipher.setAAD(Buffer.from(`login:${essId}`));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, body, cipher.getAuthTag()]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed: string, essId: number): string {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || !body || !tag) throw new Error('Unknown second-factor ciphertext format');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`login:${essId}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    /**
     * A recovery code's stored form. A fast keyed hash is enough: each code carries 50 random bits,
     * so nobody can enumerate them from a stolen row without the key, and a slow hash would only
     * cost every sign-in (they are tried against ten rows) without adding what the entropy lacks.
     */
    hashCode: (code: string) => createHmac('sha256', hashingKey).update(code).digest('hex'),
  };
}

export type SecretBox = ReturnType<typeof secretBox>;
