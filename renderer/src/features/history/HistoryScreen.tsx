import { useCallback, useEffect, useMemo, useState } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { QueryView } from '../../components/QueryView.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Page } from '../../components/Page.tsx';
import { useSelectedAccount } from '../../data/useSelectedAccount.ts';
import { AccountPicker } from '../../components/TransactionFlowAccount.tsx';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { useVaultStatus } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { HistoryFilters, matches, NO_FILTER, type Filter } from './HistoryFilters.tsx';
import { HistoryTable, type HistoryEntry } from './HistoryTable.tsx';
import { HistoryDetails } from './HistoryDetails.tsx';
import './history.css';

const PAGE_SIZE = 500;

/** Hands the CSV to the browser as a download named as the wallet suggests. */
function download(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download; the object URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function AccountHistory({ address }: { address: string }) {
  const { t, locale } = useI18n();
  const bridge = useBridge();
  const client = useQueryClient();
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [opened, setOpened] = useState<HistoryEntry | null>(null);
  const close = useCallback(() => {
    const txId = opened?.txId;
    setOpened(null);
    // Back to the row the person opened, so the keyboard continues where it was.
    if (txId)
      requestAnimationFrame(() =>
        document.querySelector<HTMLButtonElement>(`[data-txid="${txId}"] .row-open`)?.focus(),
      );
  }, [opened]);
  const pages = useInfiniteQuery({
    queryKey: historyKey(address),
    queryFn: ({ pageParam }) =>
      unwrap(bridge.walletHistory({ address, limit: PAGE_SIZE, ...(pageParam ? { before: pageParam } : {}) })),
    initialPageParam: undefined as { height: number; position: number } | undefined,
    getNextPageParam: (page) => page.next,
  });
  useEffect(
    () => bridge.onWalletTransaction(() => void client.invalidateQueries({ queryKey: historyKey(address) })),
    [bridge, client, address],
  );
  const entries = useMemo(() => pages.data?.pages.flatMap((page) => page.entries) ?? [], [pages.data]);
  const shown = useMemo(() => entries.filter((entry) => matches(entry, filter)), [entries, filter]);
  const exportCsv = useMutation({
    mutationFn: () => unwrap(bridge.walletHistoryCsv({ address })),
    onSuccess: ({ fileName, csv }) => download(fileName, csv),
  });
  const loadMore = () => {
    if (pages.hasNextPage && !pages.isFetchingNextPage && !pages.isError) void pages.fetchNextPage();
  };
  const n = (value: number) => value.toLocaleString(locale);
  const table = () => {
    if (pages.isPending) return <Loading />;
    if (pages.isError && entries.length === 0)
      return <ErrorNotice error={pages.error} onRetry={() => void pages.refetch()} />;
    if (entries.length === 0) return <p className="muted">{t('history.empty')}</p>;
    return (
      <>
        {shown.length === 0 ? (
          <p className="muted">{t('history.noMatch')}</p>
        ) : (
          <HistoryTable entries={shown} onNearEnd={loadMore} onOpen={setOpened} />
        )}
        <div className="history-footer muted" role="status">
          <span>{t('history.shown', { shown: n(shown.length), loaded: n(entries.length) })}</span>
          {pages.isFetchingNextPage && <span>{t('history.loadingMore')}</span>}
        </div>
        {pages.isError && <ErrorNotice error={pages.error} onRetry={() => void pages.fetchNextPage()} />}
        {opened && <HistoryDetails entry={opened} onClose={close} />}
      </>
    );
  };
  return (
    <>
      <HistoryFilters entries={entries} filter={filter} onChange={setFilter}>
        <button type="button" onClick={() => exportCsv.mutate()} disabled={exportCsv.isPending}>
          {exportCsv.isPending ? t('history.exporting') : t('history.export')}
        </button>
      </HistoryFilters>
      {exportCsv.isError && <ErrorNotice error={exportCsv.error} onRetry={() => exportCsv.mutate()} />}
      {exportCsv.data && (
        <p className="ok-text" role="status">
          {t('history.exported', { rows: n(exportCsv.data.rows), fileName: exportCsv.data.fileName })}
        </p>
      )}
      {table()}
    </>
  );
}

/** The account's transactions, newest first, with their verification state, filters and CSV export. */
// Own key (not under queryKeys.wallet): every new head would otherwise refetch every loaded page.
const historyKey = (address: string) => ['history', address] as const;

export function HistoryScreen() {
  const { t } = useI18n();
  const vault = useVaultStatus();
  const [account, select] = useSelectedAccount(vault.data?.accounts ?? []);
  const body = () => {
    return (
      <QueryView query={vault}>
        {(vaultStatus) => (
          <>
            <AccountPicker accounts={vaultStatus.accounts} selected={account} onSelect={select} />
            {account && <AccountHistory key={account.address} address={account.address} />}
          </>
        )}
      </QueryView>
    );
  };
  return <Page title={t('history.title')}>{body()}</Page>;
}
