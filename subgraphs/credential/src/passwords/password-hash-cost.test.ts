import { loadCredentialConfig } from '../config';
import { PRODUCTION_HASH_COST, configurePasswordHashing, hashPassword, needsRehash } from './password-hasher';

const production = { NODE_ENV: 'production', SECOND_FACTOR_KEY: 'ab'.repeat(32) };

describe('PASSWORD_HASH_COST', () => {
  it('defaults to the production cost, and production refuses a cost below it, naming the setting', () => {
    expect(PRODUCTION_HASH_COST).toBe(17);
    expect(loadCredentialConfig({}).passwordHashCost).toBe(17);
    expect(loadCredentialConfig(production).passwordHashCost).toBe(17);
    expect(() => loadCredentialConfig({ ...production, PASSWORD_HASH_COST: '16' })).toThrow(
      /PASSWORD_HASH_COST: must be at least 17 in production/,
    );
    expect(loadCredentialConfig({ ...production, PASSWORD_HASH_COST: '18' }).passwordHashCost).toBe(18);
  });

  it('may be cheap outside production, within what scrypt can do', () => {
    expect(loadCredentialConfig({ PASSWORD_HASH_COST: '10' }).passwordHashCost).toBe(10);
    expect(() => loadCredentialConfig({ PASSWORD_HASH_COST: '3' })).toThrow(/PASSWORD_HASH_COST/);
    expect(() => loadCredentialConfig({ PASSWORD_HASH_COST: '21' })).toThrow(/PASSWORD_HASH_COST/);
  });
});

describe('needsRehash', () => {
  afterEach(() => configurePasswordHashing(PRODUCTION_HASH_COST));

  it('asks for a new hash when the stored one is cheaper than the configured cost, never a costlier one', async () => {
    const cheap = await hashPassword('a password', 4);
    const dearer = await hashPassword('a password', 6);
    configurePasswordHashing(5);
    expect(cheap).toMatch(/^\$scrypt\$ln=4,/);
    expect(needsRehash(cheap)).toBe(true);
    expect(needsRehash(await hashPassword('a password'))).toBe(false);
    expect(needsRehash(dearer)).toBe(false);
    expect(needsRehash('not a hash')).toBe(false);
  });
});
