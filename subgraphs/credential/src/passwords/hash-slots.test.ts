import { hashSlots } from './hash-slots';

describe('hashSlots', () => {
  it('refuses a third concurrent hash of one key at once, lets other keys through, and frees slots', async () => {
    const slots = hashSlots(2);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const held = [slots.run(['user:a', 'ip:1'], () => gate), slots.run(['user:a', 'ip:2'], () => gate)];
    await expect(slots.run(['user:a', 'ip:3'], async () => 'x')).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED' },
    });
    await expect(slots.run(['user:b', 'ip:3'], async () => 'other')).resolves.toBe('other');
    open();
    await Promise.all(held);
    await expect(slots.run(['user:a', 'ip:1'], async () => 'again')).resolves.toBe('again');
  });

  it('gives a kind of key its own bound: many people behind one address, one check each', async () => {
    const slots = hashSlots(1, { address: 3 });
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const held = ['a', 'b', 'c'].map((p) => slots.run([`principal:${p}`, 'address:192.0.2.1'], () => gate));
    // A fourth person of the same address: the address's share is full.
    await expect(slots.run(['principal:d', 'address:192.0.2.1'], async () => 'x')).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED' },
    });
    // One person still holds one slot, from any address.
    await expect(slots.run(['principal:a', 'address:198.51.100.1'], async () => 'x')).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED' },
    });
    await expect(slots.run(['principal:d', 'address:198.51.100.1'], async () => 'd')).resolves.toBe('d');
    open();
    await Promise.all(held);
    await expect(slots.run(['principal:d', 'address:192.0.2.1'], async () => 'again')).resolves.toBe('again');
  });

  it('frees the slot when the work fails', async () => {
    const slots = hashSlots(1);
    await expect(
      slots.run(['k'], async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(slots.run(['k'], async () => 'ok')).resolves.toBe('ok');
  });
});
