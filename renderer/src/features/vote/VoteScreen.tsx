import { useState, type ReactNode } from 'react';
import { Page } from '../../components/Page.tsx';
import { TransactionFlow, type TransactionRequest } from '../../components/TransactionFlow.tsx';
import { tokensForInput } from '../../components/TransactionFlowAmount.ts';
import { useAccount, useVaultStatus, type AccountView } from '../../data/queries.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useSelectedAccount } from '../../data/useSelectedAccount.ts';
import { AccountPicker, signingAccounts } from '../../components/TransactionFlowAccount.tsx';
import { AllocationEditor } from './AllocationEditor.tsx';
import {
  checkAllocations,
  MAX_ALLOCATIONS,
  maxFor,
  splitEvenly,
  targetAllocations,
  type AllocationRow,
} from './allocations.ts';
import { CandidateTable } from './CandidateTable.tsx';
import { useCandidates, type Candidate } from './candidates.ts';
import './vote.css';

const rowsFrom = (view: AccountView): AllocationRow[] =>
  view.allocations.map((allocation) => ({
    candidate: allocation.candidate,
    name: allocation.name ?? allocation.candidate,
    text: tokensForInput(allocation.amount),
  }));

export function VoteScreen() {
  const { t } = useI18n();
  const vault = useVaultStatus();
  const accounts = signingAccounts(vault.data?.accounts ?? []);
  const [selected, select] = useSelectedAccount(accounts);
  return (
    <Page title={t('vote.title')}>
      <QueryView query={vault}>
        {() => (
          <div className="vote-grid">
            <CandidatesAndAllocations
              key={selected?.id ?? 'none'}
              accountId={selected?.id ?? null}
              address={selected?.address ?? null}
            >
              {accounts.length > 0 ? (
                <AccountPicker id="vote-account" accounts={accounts} selected={selected} onSelect={select} />
              ) : (
                <p className="muted">{t('vote.noAccount')}</p>
              )}
            </CandidatesAndAllocations>
          </div>
        )}
      </QueryView>
    </Page>
  );
}

function CandidatesAndAllocations({
  accountId,
  address,
  children,
}: {
  accountId: string | null;
  address: string | null;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const candidates = useCandidates();
  const account = useAccount(address);
  const [request, setRequest] = useState<TransactionRequest | null>(null);
  // null: not edited, so the rows follow the proven allocations as they change.
  const [edited, setEdited] = useState<AllocationRow[] | null>(null);
  const [focusCandidate, setFocusCandidate] = useState<string | null>(null);
  const rows = edited ?? (account.data ? rowsFrom(account.data) : []);
  const staked = account.data?.staked ?? '0';
  const check = checkAllocations(rows, BigInt(staked));
  const editing = request === null;
  const choose = (candidate: Candidate) => {
    if (rows.length >= MAX_ALLOCATIONS) return;
    setEdited([...rows, { candidate: candidate.address, name: candidate.name, text: '' }]);
    setFocusCandidate(candidate.address);
  };
  const max = (candidate: string) => change(candidate, tokensForInput(maxFor(rows, candidate, BigInt(staked))));
  const split = () => {
    const amounts = splitEvenly(rows.length, BigInt(staked));
    setEdited(rows.map((row, index) => ({ ...row, text: tokensForInput(amounts[index]!) })));
  };
  const change = (candidate: string, text: string) =>
    setEdited(rows.map((row) => (row.candidate === candidate ? { ...row, text } : row)));
  const remove = (candidate: string) => setEdited(rows.filter((row) => row.candidate !== candidate));

  const table = () => {
    return (
      <QueryView query={candidates}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('vote.noCandidates')}</p>
          ) : (
            <CandidateTable
              candidates={list}
              chosen={new Set(rows.map((row) => row.candidate))}
              onChoose={choose}
              canChoose={editing && account.data !== undefined && rows.length < MAX_ALLOCATIONS}
            />
          )
        }
      </QueryView>
    );
  };
  const editor = () => {
    if (address === null) return null;
    return (
      <QueryView query={account}>
        {(view) => (view.staked === '0' ? <p className="muted">{t('vote.noStake')}</p> : allocationsForm())}
      </QueryView>
    );
  };
  const allocationsForm = () => (
    <>
      <fieldset className="allocation-fieldset" disabled={!editing}>
        <legend className="visually-hidden">{t('vote.allocations')}</legend>
        <AllocationEditor
          rows={rows}
          check={check}
          staked={staked}
          focusCandidate={focusCandidate}
          onChange={change}
          onMax={max}
          onSplit={split}
          onRemove={remove}
        />
      </fieldset>
      {editing && (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!check.ok || accountId === null}
            onClick={() =>
              setRequest({ accountId: accountId!, intent: { type: 'vote', allocations: targetAllocations(rows) } })
            }
          >
            {t('vote.review')}
          </button>
          {edited !== null && (
            <button type="button" onClick={() => setEdited(null)}>
              {t('vote.discard')}
            </button>
          )}
        </div>
      )}
      {request && (
        <TransactionFlow
          request={request}
          onEdit={() => setRequest(null)}
          onDone={() => {
            setRequest(null);
            setEdited(null);
          }}
        />
      )}
    </>
  );
  return (
    <>
      <section className="card candidates-card" aria-labelledby="candidates-title">
        <h2 id="candidates-title">{t('vote.candidates')}</h2>
        {table()}
      </section>
      <section className="card allocations-card" aria-labelledby="allocations-title">
        <h2 id="allocations-title">{t('vote.allocations')}</h2>
        {children}
        {editor()}
      </section>
    </>
  );
}
