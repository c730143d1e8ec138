import { toPage } from './pagination';

it('counts pages as the Contacts panel does ("Page 2 of 2 | Results 11 - 19 of 19")', () => {
  expect(toPage(new Array(9).fill(0), 19, { page: 2, pageSize: 10 })).toMatchObject({
    totalCount: 19,
    page: 2,
    pageCount: 2,
  });
  expect(toPage([], 0, { page: 1, pageSize: 10 }).pageCount).toBe(0);
  expect(toPage(new Array(10).fill(0), 20, { page: 1, pageSize: 10 }).pageCount).toBe(2);
});
