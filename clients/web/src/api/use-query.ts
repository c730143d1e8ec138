import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useEffect, useState } from 'react';
import { request } from './graphql-client';

export type QueryState<Result> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'done'; data: Result; error?: undefined }
  | { status: 'failed'; data?: undefined; error: unknown };

/** Load a query when the page opens and whenever `variables` or `refreshKey` change; `reload` asks again. */
export function useQuery<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
  refreshKey: unknown = 0,
): QueryState<Result> & { reload: () => void } {
  const [state, setState] = useState<QueryState<Result>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    let current = true;
    request(document, JSON.parse(key) as Variables).then(
      (data) => current && setState({ status: 'done', data }),
      (error: unknown) => current && setState({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [document, key, attempt, refreshKey]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
