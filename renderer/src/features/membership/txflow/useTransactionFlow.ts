import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput, MethodOutput } from '../../../../../shared/contract/ipc.ts';
import { useBridge } from '../../../data/BridgeContext.tsx';
import { unwrap } from '../../../data/contract.ts';
import { queryKeys } from '../../../data/queries.ts';

export type Intent = MethodInput<'wallet.prepare'>['intent'];
export type Draft = MethodOutput<'wallet.prepare'>;
export type TrackedTx = MethodOutput<'wallet.transaction'>;

const transactionKey = (txId: string) => [...queryKeys.wallet, 'transaction', txId] as const;
const SETTLED = new Set<TrackedTx['state']>(['final', 'rejected', 'expired']);

/**
 * A submitted transaction followed to the end: the pushed wallet.transaction event replaces the
 * cached state at once (LiveUpdates also invalidates the wallet queries, so a missed event is made up
 * by the next head).
 */
export function useFollowedTransaction(txId: string | null) {
  const bridge = useBridge();
  const client = useQueryClient();
  useEffect(() => {
    if (!txId) return undefined;
    return bridge.onWalletTransaction((tx) => {
      if (tx.txId === txId) client.setQueryData(transactionKey(txId), tx);
    });
  }, [bridge, client, txId]);
  return useQuery({
    queryKey: transactionKey(txId ?? ''),
    queryFn: () => unwrap(bridge.walletTransaction({ txId: txId! })),
    enabled: txId !== null,
    staleTime: (query) => (query.state.data && SETTLED.has(query.state.data.state) ? Infinity : 0),
  });
}

/**
 * Review → submit → follow, for an account that signs here: wallet.prepare gives the draft with its
 * plain-words summary, wallet.submit signs it in the vault, then the transaction is followed to final.
 */
export function useTransactionFlow(accountId: string | null) {
  const bridge = useBridge();
  const [txId, setTxId] = useState<string | null>(null);
  const prepare = useMutation({
    mutationFn: (intent: Intent) => {
      if (!accountId) throw new Error('Choose an account first.');
      return unwrap(bridge.walletPrepare({ accountId, intent }));
    },
  });
  const submit = useMutation({
    mutationFn: (draft: Draft) => unwrap(bridge.walletSubmit({ draftId: draft.draftId })),
    onSuccess: (tracked) => setTxId(tracked.txId),
  });
  const followed = useFollowedTransaction(txId);
  const reset = () => {
    prepare.reset();
    submit.reset();
    setTxId(null);
  };
  const busy = prepare.isPending || submit.isPending || (txId !== null && !SETTLED.has(followed.data?.state ?? 'submitted'));
  return { prepare, submit, txId, followed, reset, busy, active: prepare.isPending || prepare.isSuccess || prepare.isError || txId !== null };
}

export type TransactionFlow = ReturnType<typeof useTransactionFlow>;
export const isSettled = (state: TrackedTx['state']) => SETTLED.has(state);
