import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorNotice } from '../errors/ErrorNotice.tsx';
import { Loading } from './Loading.tsx';

/**
 * One rule for a part of a screen fed by a query. Before the first answer: loading. An error with nothing
 * answered yet: the error alone. Otherwise the last answer stays on screen (its verified mark says how old it
 * is) and a failed refresh is said above it, so losing every endpoint never hides what was proven.
 */
export function QueryView<T>({
  query,
  children,
}: {
  query: UseQueryResult<T, unknown>;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  const failed = query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return failed;
  return (
    <>
      {failed}
      {children(query.data)}
    </>
  );
}
