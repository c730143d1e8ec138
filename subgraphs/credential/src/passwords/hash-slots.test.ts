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
