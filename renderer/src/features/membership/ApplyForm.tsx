import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { Intent } from '../../components/TransactionFlow.tsx';
import { TextField, fitsBytes } from '../../components/TextField.tsx';
import { MAX_MEMBER_INFO_BYTES, MAX_MEMBER_NAME_BYTES } from '../../../../shared/contract/limits.ts';

/** Applying opens an admission proposal for the chosen account, which the members then vote on. */
export function ApplyForm({ disabled, onSubmit }: { disabled: boolean; onSubmit(intent: Intent): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [info, setInfo] = useState('');
  const ready = name.trim() !== '' && fitsBytes(name, MAX_MEMBER_NAME_BYTES) && fitsBytes(info, MAX_MEMBER_INFO_BYTES);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) onSubmit({ type: 'member.apply', name: name.trim(), info: info.trim() });
  };
  return (
    <section className="card" aria-labelledby="apply-title">
      <h2 id="apply-title">{t('membership.apply.title')}</h2>
      <p className="muted">{t('membership.apply.body')}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          id="apply-name"
          label={t('membership.apply.name')}
          value={name}
          onChange={setName}
          maxBytes={MAX_MEMBER_NAME_BYTES}
          autoComplete="organization"
        />
        <TextField
          id="apply-info"
          label={t('membership.apply.info')}
          value={info}
          onChange={setInfo}
          maxBytes={MAX_MEMBER_INFO_BYTES}
          rows={3}
          hint={t('membership.apply.infoHint')}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={disabled || !ready}>
            {t('membership.apply.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
