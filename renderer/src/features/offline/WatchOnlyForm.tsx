import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { queryKeys } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const PUBLIC_KEY = /^[0-9a-f]{64}$/;

/** An address whose key lives on the offline signer, with its public key so its first request can be built. */
export function WatchOnlyForm({ onAdded }: { onAdded(accountId: string): void }) {
  const { t } = useI18n();
  const bridge = useBridge();
  const client = useQueryClient();
  const [address, setAddress] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [label, setLabel] = useState('');
  const keyValid = PUBLIC_KEY.test(publicKey);
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        bridge.vaultAddWatchOnly({
          address: address.trim(),
          publicKey,
          ...(label.trim() ? { label: label.trim() } : {}),
        }),
      ),
    onSuccess: (account) => {
      void client.invalidateQueries({ queryKey: queryKeys.vaultStatus });
      setAddress('');
      setPublicKey('');
      setLabel('');
      onAdded(account.id);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (address.trim() && keyValid) add.mutate();
  };
  return (
    <details className="card watch-only">
      <summary>
        <h2>{t('offline.watch.title')}</h2>
      </summary>
      <p className="muted">{t('offline.watch.body')}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          id="watch-address"
          label={t('offline.watch.address')}
          value={address}
          onChange={setAddress}
          spellCheck={false}
          autoComplete="off"
          className="mono"
        />
        <TextField
          id="watch-key"
          label={t('offline.watch.publicKey')}
          value={publicKey}
          onChange={(value) => setPublicKey(value.trim().toLowerCase())}
          spellCheck={false}
          autoComplete="off"
          className="mono"
          hint={t('offline.watch.publicKeyHint')}
          {...(publicKey !== '' && !keyValid ? { error: t('offline.watch.publicKeyHint') } : {})}
        />
        <TextField id="watch-label" label={t('offline.watch.label')} value={label} onChange={setLabel} maxLength={64} />
        {add.isError && <ErrorNotice error={add.error} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={add.isPending || !address.trim() || !keyValid}>
            {t('offline.watch.add')}
          </button>
        </div>
      </form>
    </details>
  );
}
