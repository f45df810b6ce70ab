import { useState, type FormEvent } from 'react';
import { shortAddress } from '../../format/address.ts';
import { TextField } from '../../components/TextField.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { PARAMETER_NAMES } from './queries.ts';
import type { Intent } from '../../components/TransactionFlow.tsx';

type Kind = 'removal' | 'parameter';

/** A member proposes removing another member or changing a network parameter. */
export function ProposeForm({
  members,
  self,
  disabled,
  onSubmit,
}: {
  members: readonly { address: string; name: string }[];
  self: string;
  disabled: boolean;
  onSubmit(intent: Intent): void;
}) {
  const { t } = useI18n();
  // Nothing chosen at first: removing a member is not a default anyone should fall into.
  const [kind, setKind] = useState<Kind | null>(null);
  const others = members.filter((member) => member.address !== self);
  const [member, setMember] = useState('');
  const [parameter, setParameter] = useState<string>(PARAMETER_NAMES[0]);
  const [value, setValue] = useState('');
  const validValue = /^(0|[1-9]\d{0,19})$/.test(value);
  const chosenMember = member || others[0]?.address || '';
  const ready = kind === 'removal' ? chosenMember !== '' : kind === 'parameter' && validValue;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || kind === null) return;
    onSubmit(
      kind === 'removal'
        ? { type: 'member.proposeRemoval', member: chosenMember }
        : { type: 'member.proposeParameter', name: parameter, value },
    );
  };
  return (
    <section className="card" aria-labelledby="propose-title">
      <h2 id="propose-title">{t('membership.propose.title')}</h2>
      <form onSubmit={submit} noValidate>
        <fieldset className="field propose-kind">
          <legend>{t('membership.propose.kind')}</legend>
          <label className="check">
            <input type="radio" name="propose-kind" checked={kind === 'removal'} onChange={() => setKind('removal')} />
            {t('membership.propose.removal')}
          </label>
          <label className="check">
            <input
              type="radio"
              name="propose-kind"
              checked={kind === 'parameter'}
              onChange={() => setKind('parameter')}
            />
            {t('membership.propose.parameter')}
          </label>
        </fieldset>
        {kind === null ? null : kind === 'removal' ? (
          <div className="field">
            <label htmlFor="propose-member">{t('membership.propose.member')}</label>
            {others.length === 0 ? (
              <p className="hint">{t('membership.propose.noOthers')}</p>
            ) : (
              <select id="propose-member" value={chosenMember} onChange={(event) => setMember(event.target.value)}>
                {others.map((other) => (
                  <option key={other.address} value={other.address} translate="no">
                    {other.name ? `${other.name} (${shortAddress(other.address)})` : other.address}
                  </option>
                ))}
              </select>
            )}
          </div>
        ) : (
          <div className="propose-parameter">
            <div className="field">
              <label htmlFor="propose-parameter">{t('membership.propose.parameterName')}</label>
              <select
                id="propose-parameter"
                value={parameter}
                onChange={(event) => setParameter(event.target.value)}
                translate="no"
              >
                {PARAMETER_NAMES.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              id="propose-value"
              label={t('membership.propose.value')}
              inputMode="numeric"
              value={value}
              onChange={(next) => setValue(next.trim())}
              hint={t('membership.propose.valueHint')}
              {...(value !== '' && !validValue ? { error: t('membership.propose.valueHint') } : {})}
            />
          </div>
        )}
        <div className="actions">
          <button type="submit" className={ready ? 'primary' : ''} disabled={disabled || !ready}>
            {t('membership.propose.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
