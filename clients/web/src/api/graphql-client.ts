import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { accessToken, refresh } from '../session/session';
import { ApiError, type GraphQLErrorBody } from './api-error';

// A few lines over fetch instead of a GraphQL client library: the pages need typed requests,
// the bearer token and one retry after a refresh; they need no cache (every page loads fresh
// data, which is what people checking their account or contacts expect).
const printed = new WeakMap<object, string>();
const queryText = (document: TypedDocumentNode<unknown, never>) =>
  printed.get(document) ?? printed.set(document, print(document)).get(document)!;

async function post(
  query: string,
  variables: unknown,
  token: string | null,
): Promise<{ status: number; body: { data?: unknown; errors?: GraphQLErrorBody[] } }> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw ApiError.unreachable();
  }
  try {
    return {
      status: response.status,
      body: (await response.json()) as { data?: unknown; errors?: GraphQLErrorBody[] },
    };
  } catch {
    throw new ApiError(
      `The server answered ${response.status}.`,
      response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR',
    );
  }
}

// An expired token, not a wrong answer: a wrong code also says UNAUTHENTICATED, but names its field.
const expired = (status: number, errors?: GraphQLErrorBody[]) =>
  status === 401 || (errors?.[0]?.extensions?.code === 'UNAUTHENTICATED' && !errors[0].extensions.invalidFields);

/**
 * Run one of the generated operations: the result is typed by the document, and a schema change
 * that breaks a page breaks its type check (part of `npm run build`). An access token that has
 * just expired is renewed once, then the request is sent again.
 */
export async function request<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  const query = queryText(document);
  const token = accessToken();
  let answer = await post(query, variables, token);
  if (token && expired(answer.status, answer.body.errors) && (await refresh()))
    answer = await post(query, variables, accessToken());
  if (answer.body.errors?.length || !answer.body.data) throw ApiError.from(answer.body.errors, answer.status);
  return answer.body.data as Result;
}
