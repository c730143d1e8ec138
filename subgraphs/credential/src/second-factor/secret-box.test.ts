import { loadCredentialConfig } from '../config';
import { secretBox } from './secret-box';
import { matchingStep, newTotpSecret } from './totp';
import { TOTP, Secret } from 'otpauth';

describe('the second-factor key', () => {
  it('is required in production, and read as hex or base64', () => {
    expect(() => loadCredentialConfig({ NODE_ENV: 'production' })).toThrow(/SECOND_FACTOR_KEY/);
    expect(
      loadCredentialConfig({ NODE_ENV: 'production', SECOND_FACTOR_KEY: 'ab'.repeat(32) }).secondFactorKey,
    ).toEqual(Buffer.alloc(32, 0xab));
    expect(
      loadCredentialConfig({ NODE_ENV: 'production', SECOND_FACTOR_KEY: Buffer.alloc(32, 7).toString('base64') })
        .secondFactorKey,
    ).toEqual(Buffer.alloc(32, 7));
    expect(() => loadCredentialConfig({ SECOND_FACTOR_KEY: 'too short' })).toThrow(/SECOND_FACTOR_KEY/);
    expect(loadCredentialConfig({}).secondFactorKey).toHaveLength(32);
  });
});

describe('secretBox', () => {
  const box = secretBox(Buffer.alloc(32, 1));
  it('opens what it sealed for the same login only, and never holds the secret in clear', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 7);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 7)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 8)).toThrow();
    expect(() => secretBox(Buffer.alloc(32, 2)).open(sealed, 7)).toThrow();
    const [v, iv, body, tag] = sealed.split('.');
    // Change the first character to a different one, whatever it was (a fixed 'A' changed nothing 1 time in 64).
    const tampered = `${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    expect(() => box.open([v, iv, tampered, tag].join('.'), 7)).toThrow();
  });
  it('hashes recovery codes with its own key', () => {
    expect(box.hashCode('abcdefghij')).toMatch(/^[0-9a-f]{64}$/);
    expect(secretBox(Buffer.alloc(32, 2)).hashCode('abcdefghij')).not.toBe(box.hashCode('abcdefghij'));
  });
});

describe('matchingStep', () => {
  const secret = newTotpSecret();
  const at = (ms: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: ms });
  const now = 1_800_000_000_000;
  it('accepts one step of skew either way, not two', () => {
    const step = Math.floor(now / 30_000);
    expect(matchingStep(secret, at(now), now)).toBe(step);
    expect(matchingStep(secret, at(now - 30_000), now)).toBe(step - 1);
    expect(matchingStep(secret, at(now + 30_000), now)).toBe(step + 1);
    const far = at(now + 60_000);
    if (![at(now), at(now - 30_000), at(now + 30_000)].includes(far)) expect(matchingStep(secret, far, now)).toBeNull();
    expect(matchingStep(secret, 'abcdef', now)).toBeNull();
  });
});
