import { useState, type FormEvent } from 'react';
import type { MethodInput } from '../../../../shared/contract/ipc.ts';
import type { VaultStatus } from '../../data/queries.ts';
import { shortAddress } from '../../format/address.ts';
import { TOKEN } from '../../format/amount.ts';
import { TextField, fitsBytes } from '../../components/TextField.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { parseTokens } from './tokens.ts';
import { displayName } from '../../i18n/names.tsx';
import { MAX_MEMO_BYTES } from '../../../../shared/contract/limits.ts';

type Intent = MethodInput<'offline.createRequest'>['intent'];
type Kind = 'transfer' | 'stake' | 'vote';
type Account = VaultStatus['accounts'][number];

/** What the offline signer should sign: a transfer, a stake, or a vote for one candidate. */
export function RequestForm({
  accounts,
  accountId,
  onAccount,
  busy,
  onSubmit,
}: {
  accounts: readonly Account[];
  accountId: string | null;
  onAccount(id: string): void;
  busy: boolean;
  onSubmit(intent: Intent): void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('transfer');
  const [to, setTo] = useState('');
  const [amountText, setAmountText] = useState('');
  const [memo, setMemo] = useState('');
  const amount = parseTokens(amountText);
  const amountWrong = amountText.trim() !== '' && amount === null;
  const needsAddress = kind !== 'stake';
  const ready =
    accountId !== null &&
    amount !== null &&
    (!needsAddress || to.trim() !== '') &&
    (kind !== 'transfer' || fitsBytes(memo, MAX_MEMO_BYTES));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || amount === null) return;
    if (kind === 'transfer')
      onSubmit({ type: 'transfer', to: to.trim(), amount, ...(memo.trim() ? { memo: memo.trim() } : {}) });
    else if (kind === 'stake') onSubmit({ type: 'stake', amount });
    else onSubmit({ type: 'vote', allocations: [{ candidate: to.trim(), amount }] });
  };

  return (
    <form onSubmit={submit} noValidate className="request-form">
      <div className="field">
        <label htmlFor="request-account">{t('offline.request.account')}</label>
        <select id="request-account" value={accountId ?? ''} onChange={(event) => onAccount(event.target.value)}>
          {accounts.map((account) => (
            <option key={account.id} value={account.id} translate="no">
              {displayName(t, account.label).text} ({shortAddress(account.address)})
              {account.kind === 'watch' ? ` · ${t('account.kind.watch')}` : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="request-kind">{t('offline.request.kind')}</label>
        <select id="request-kind" value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
          <option value="transfer">{t('offline.request.kind.transfer')}</option>
          <option value="stake">{t('offline.request.kind.stake')}</option>
          <option value="vote">{t('offline.request.kind.vote')}</option>
        </select>
      </div>
      {needsAddress && (
        <div className="field">
          <label htmlFor="request-to">
            {kind === 'transfer' ? t('offline.request.to') : t('offline.request.candidate')}
          </label>
          <input
            id="request-to"
            value={to}
            onChange={(event) => setTo(event.target.value)}
            spellCheck={false}
            autoComplete="off"
            className="mono"
          />
          {kind === 'vote' && <p className="hint">{t('offline.request.voteHint')}</p>}
        </div>
      )}
      <div className="field">
        <label htmlFor="request-amount">
          {t('offline.request.amount')} (<span translate="no">{TOKEN.symbol}</span>)
        </label>
        <input
          id="request-amount"
          inputMode="decimal"
          value={amountText}
          onChange={(event) => setAmountText(event.target.value)}
          aria-invalid={amountWrong}
          aria-describedby="request-amount-hint"
        />
        <p className={amountWrong ? 'hint field-error' : 'hint'} id="request-amount-hint">
          {t('offline.request.amountHint', { decimals: TOKEN.decimals })}
        </p>
      </div>
      {kind === 'transfer' && (
        <TextField
          id="request-memo"
          label={t('offline.request.memo')}
          value={memo}
          onChange={setMemo}
          maxBytes={MAX_MEMO_BYTES}
        />
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !ready}>
          {t('offline.request.make')}
        </button>
      </div>
    </form>
  );
}
