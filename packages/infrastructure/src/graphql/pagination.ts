import { z } from 'zod';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 1, description: 'The page to return, starting at 1.' })
  page: number;

  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Rows per page, 1 to ${MAX_PAGE_SIZE}.` })
  pageSize: number;
}

/** Zod fields for `PageArgs`, to merge into a resolver's argument schema. */
export const pageArgsShape = {
  page: z.number().int().min(1, 'must be 1 or more').max(1_000_000, 'is too large'),
  pageSize: z.number().int().min(1, 'must be 1 or more').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`),
};

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
