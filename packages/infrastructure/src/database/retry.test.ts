import type { DataSource, EntityManager } from 'typeorm';
import { isRetryableConflict, withRetry } from './retry';

// A transaction refused with a conflict runs again, whole; anything else fails at once.
const conflict = (errno: number) => Object.assign(new Error('refused'), { driverError: { errno } });

function fakeDataSource(failures: Error[]) {
  let runs = 0;
  const dataSource = {
    async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
      runs++;
      const result = await work({} as EntityManager);
      const failure = failures.shift();
      if (failure) throw failure; // at commit, as Galera answers a certification conflict
      return result;
    },
  } as unknown as DataSource;
  return { dataSource, runs: () => runs };
}

describe('withRetry', () => {
  it('runs the whole transaction again after a deadlock or a certification conflict (1213) and a lock wait timeout (1205)', async () => {
    const { dataSource, runs } = fakeDataSource([conflict(1213), conflict(1205)]);
    let bodies = 0;
    await expect(withRetry(dataSource, async () => ++bodies, { baseDelayMs: 1 })).resolves.toBe(3);
    expect([runs(), bodies]).toEqual([3, 3]);
  });

  it('gives up after the bounded number of tries with the conflict itself', async () => {
    const { dataSource, runs } = fakeDataSource(Array.from({ length: 9 }, () => conflict(1213)));
    await expect(withRetry(dataSource, async () => 1, { attempts: 4, baseDelayMs: 1 })).rejects.toThrow('refused');
    expect(runs()).toBe(4);
  });

  it('does not run again after any other error (a duplicate key, a refusal of the app)', async () => {
    const { dataSource, runs } = fakeDataSource([conflict(1062)]);
    await expect(withRetry(dataSource, async () => 1, { baseDelayMs: 1 })).rejects.toThrow('refused');
    expect(runs()).toBe(1);
    expect([isRetryableConflict(new Error('x')), isRetryableConflict({ errno: 1213 })]).toEqual([false, true]);
  });
});
