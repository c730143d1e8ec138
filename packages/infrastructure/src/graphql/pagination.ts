import { z } from 'zod';
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { argsType } from './declared-input';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;

/** Zod fields of a page, to merge into an argument set that `extends: PageArgs`. */
export const pageArgsShape = {
  page: z
    .number()
    .int()
    .min(1, 'must be 1 or more')
    .max(1_000_000, 'is too large')
    .describe('The page to return, starting at 1.')
    .default(1),
  pageSize: z
    .number()
    .int()
    .min(1, 'must be 1 or more')
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
    .describe(`Rows per page, 1 to ${MAX_PAGE_SIZE}.`)
    .default(DEFAULT_PAGE_SIZE),
};

export const PageArgs = argsType('PageArgs', z.object(pageArgsShape));
export type PageArgs = InstanceType<typeof PageArgs>;

export interface PageRequest {
  page: number;
  pageSize: number;
}

export const pageOffset = ({ page, pageSize }: PageRequest) => (page - 1) * pageSize;

export interface PageResult<T> {
  items: T[];
  totalCount: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export function toPage<T>(items: T[], totalCount: number, { page, pageSize }: PageRequest): PageResult<T> {
  return { items, totalCount, page, pageSize, pageCount: Math.ceil(totalCount / pageSize) };
}

/** A GraphQL page type (`items`, `totalCount`, `page`, `pageSize`, `pageCount`) for `itemType`. */
export function PageType<T extends object>(itemType: ClassType<T>) {
  @ObjectType()
  abstract class Page implements PageResult<T> {
    @Field(() => [itemType])
    items: T[];

    @Field(() => Int, { description: 'Rows matching the query, over all pages.' })
    totalCount: number;

    @Field(() => Int)
    page: number;

    @Field(() => Int)
    pageSize: number;

    @Field(() => Int, { description: 'Number of pages; 0 when nothing matches.' })
    pageCount: number;
  }
  return Page;
}
