import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { QueryView } from '../../components/QueryView.tsx';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { shortAddress } from '../../format/address.ts';
import { TextField } from '../../components/TextField.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const CONTACTS_KEY = ['contacts'] as const;

/** The saved recipients: choose one, remove one, or save the current recipient under a label. */
export function AddressBook({
  recipient,
  recipientValid,
  onChoose,
}: {
  recipient: string;
  recipientValid: boolean;
  onChoose(address: string): void;
}) {
  const { t } = useI18n();
  const bridge = useBridge();
  const client = useQueryClient();
  const contacts = useQuery({ queryKey: CONTACTS_KEY, queryFn: () => unwrap(bridge.walletContacts({})) });
  const [label, setLabel] = useState('');
  const save = useMutation({
    mutationFn: () => unwrap(bridge.walletSaveContact({ address: recipient.trim(), label: label.trim() })),
    onSuccess: (list) => {
      client.setQueryData(CONTACTS_KEY, list);
      setLabel('');
    },
  });
  const remove = useMutation({
    mutationFn: (address: string) => unwrap(bridge.walletRemoveContact({ address })),
    onSuccess: (list) => client.setQueryData(CONTACTS_KEY, list),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (recipientValid && label.trim()) save.mutate();
  };
  const list = () => {
    return (
      <QueryView query={contacts}>
        {(saved) =>
          saved.length === 0 ? (
            <p className="muted">{t('send.bookEmpty')}</p>
          ) : (
            <ul className="plain contacts">
              {saved.map((contact) => (
                <li key={contact.address}>
                  <button
                    type="button"
                    className="contact-use"
                    onClick={() => onChoose(contact.address)}
                    aria-label={t('send.use', { label: contact.label })}
                  >
                    <span translate="no">{contact.label}</span>
                    <span className="mono muted" translate="no" title={contact.address}>
                      {shortAddress(contact.address)}
                    </span>
                  </button>
                  <button
                    type="button"
                    className="contact-remove"
                    onClick={() => remove.mutate(contact.address)}
                    aria-label={t('send.remove', { label: contact.label })}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    );
  };
  return (
    <section className="card" aria-labelledby="book-title">
      <h2 id="book-title">{t('send.book')}</h2>
      {list()}
      {remove.isError && <ErrorNotice error={remove.error} />}
      <form className="contact-form" onSubmit={submit} noValidate>
        <TextField
          id="contact-label"
          label={t('send.saveLabel')}
          value={label}
          onChange={setLabel}
          maxLength={64}
          {...(recipientValid ? {} : { hint: t('send.saveNeedsValid') })}
        />
        <div className="actions">
          <button type="submit" disabled={!recipientValid || !label.trim() || save.isPending}>
            {t('send.save')}
          </button>
        </div>
      </form>
      {save.isError && <ErrorNotice error={save.error} />}
    </section>
  );
}
