import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput, MethodOutput } from '../../../../shared/contract/ipc.ts';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';

export type Intent = MethodInput<'wallet.prepare'>['intent'];
export type Draft = MethodOutput<'wallet.prepare'>;
export type TrackedTx = MethodOutput<'wallet.transaction'>;

type Stage = { step: 'idle' } | { step: 'preparing' } | { step: 'review'; draft: Draft } | { step: 'submitting'; draft: Draft } | { step: 'following'; txId: string };

const SETTLED = new Set<TrackedTx['state']>(['final', 'rejected', 'expired']);
const transactionKey = (txId: string) => ['wallet', 'transaction', txId] as const;

/**
 * Review → submit → follow: wallet.prepare gives the draft whose summary the person reviews,
 * wallet.submit signs it in the vault, and the transaction is followed (its event, and a re-read on
 * every new head through the 'wallet' invalidation) until it is final, rejected or expired.
 */
export function useTransactionFlow() {
  const bridge = useBridge();
  const client = useQueryClient();
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const txId = stage.step === 'following' ? stage.txId : null;
  const followed = useQuery({
    queryKey: transactionKey(txId ?? ''),
    queryFn: () => unwrap(bridge.walletTransaction({ txId: txId! })),
    enabled: txId !== null,
    staleTime: 0,
  });
  useEffect(() => {
    if (txId === null) return;
    return bridge.onWalletTransaction((tx) => {
      if (tx.txId === txId) client.setQueryData(transactionKey(txId), tx);
    });
  }, [bridge, client, txId]);

  const prepare = async (accountId: string, intent: Intent) => {
    setError(null);
    setStage({ step: 'preparing' });
    try {
      setStage({ step: 'review', draft: await unwrap(bridge.walletPrepare({ accountId, intent })) });
    } catch (failure) {
      setError(failure);
      setStage({ step: 'idle' });
    }
  };
  const submit = async () => {
    if (stage.step !== 'review') return;
    const { draft } = stage;
    setError(null);
    setStage({ step: 'submitting', draft });
    try {
      const tx = await unwrap(bridge.walletSubmit({ draftId: draft.draftId }));
      client.setQueryData(transactionKey(tx.txId), tx);
      setStage({ step: 'following', txId: tx.txId });
    } catch (failure) {
      setError(failure);
      setStage({ step: 'review', draft });
    }
  };
  const reset = () => {
    setError(null);
    setStage({ step: 'idle' });
  };
  const tx = followed.data ?? null;
  return { stage, error, tx, settled: tx !== null && SETTLED.has(tx.state), prepare, submit, reset };
}

export type TransactionFlow = ReturnType<typeof useTransactionFlow>;
