import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { Intent } from '../../components/TransactionFlow.tsx';
import { MAX_MEMBER_INFO_BYTES, MAX_MEMBER_NAME_BYTES } from '../../../../shared/contract/limits.ts';

/** Applying opens an admission proposal for the chosen account, which the members then vote on. */
export function ApplyForm({ disabled, onSubmit }: { disabled: boolean; onSubmit(intent: Intent): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [info, setInfo] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onSubmit({ type: 'member.apply', name: name.trim(), info: info.trim() });
  };
  return (
    <section className="card" aria-labelledby="apply-title">
      <h2 id="apply-title">{t('membership.apply.title')}</h2>
      <p className="muted">{t('membership.apply.body')}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="apply-name">{t('membership.apply.name')}</label>
          <input
            id="apply-name"
            value={name}
            maxLength={MAX_MEMBER_NAME_BYTES}
            onChange={(event) => setName(event.target.value)}
            autoComplete="organization"
          />
        </div>
        <div className="field">
          <label htmlFor="apply-info">{t('membership.apply.info')}</label>
          <textarea
            id="apply-info"
            value={info}
            maxLength={MAX_MEMBER_INFO_BYTES}
            rows={3}
            onChange={(event) => setInfo(event.target.value)}
            aria-describedby="apply-info-hint"
          />
          <p className="hint" id="apply-info-hint">
            {t('membership.apply.infoHint')}
          </p>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={disabled || !name.trim()}>
            {t('membership.apply.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
