import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../errors/ErrorNotice.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { QueryView } from './QueryView.tsx';

/**
 * A settings card that picks one number from a list and saves it at once: the list keeps the current value even when it
 * is not one of the usual choices (set elsewhere, e.g. by the CLI), and says "Saved" or why not.
 */
export function ChoiceSetting({
  id,
  title,
  label,
  source,
  current,
  choices,
  order = (a, b) => a - b,
  describe,
  save,
  children,
}: {
  id: string;
  title: ReactNode;
  label: ReactNode;
  /** The query the current value comes from: its loading and error states are the card's. */
  source: UseQueryResult<unknown, unknown>;
  current: number | undefined;
  choices: readonly number[];
  order?: (a: number, b: number) => number;
  describe(value: number): string;
  save: UseMutationResult<unknown, Error, number>;
  /** Shown under the choice: a note on what the value means. */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const options = current === undefined || choices.includes(current) ? choices : [...choices, current].sort(order);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <QueryView query={source}>
        {() => (
          <div className="field">
            <label htmlFor={id}>{label}</label>
            <select
              id={id}
              value={current}
              disabled={save.isPending}
              onChange={(event) => save.mutate(Number(event.target.value))}
            >
              {options.map((value) => (
                <option key={value} value={value}>
                  {describe(value)}
                </option>
              ))}
            </select>
            {children}
            {save.isSuccess && (
              <p className="ok-text" role="status">
                {t('common.saved')}
              </p>
            )}
          </div>
        )}
      </QueryView>
      {save.isError && <ErrorNotice error={save.error} />}
    </section>
  );
}
