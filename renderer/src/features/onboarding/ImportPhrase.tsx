import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { OnboardingFrame } from './OnboardingFrame.tsx';
import { splitWords } from './phraseCheck.ts';

/** Brings an existing wallet in by its words; the vault checks them (word list and checksum). */
export function ImportPhrase({
  step,
  onImported,
  onBack,
}: {
  step: { current: number; total: number };
  onImported(): void;
  onBack?: () => void;
}) {
  const { t } = useI18n();
  const bridge = useBridge();
  const [text, setText] = useState('');
  const [label, setLabel] = useState('');
  const words = splitWords(text);
  const importPhrase = useMutation({
    mutationFn: () =>
      unwrap(bridge.vaultImportMnemonic({ words: words.join(' '), ...(label.trim() ? { label: label.trim() } : {}) })),
    onSuccess: onImported,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    importPhrase.mutate();
  };
  return (
    <OnboardingFrame title={t('import.title')} step={step}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="import-words">{t('import.words')}</label>
          <textarea
            id="import-words"
            translate="no"
            rows={4}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby="import-words-hint"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
          />
          <p className="hint" id="import-words-hint">
            {t('import.wordsHint')} {t('import.count', { count: words.length })}
          </p>
        </div>
        <div className="field">
          <label htmlFor="import-label">{t('import.label')}</label>
          <input id="import-label" value={label} maxLength={64} onChange={(event) => setLabel(event.target.value)} />
        </div>
        {importPhrase.isError && <ErrorNotice error={importPhrase.error} />}
        <div className="actions">
          {onBack && (
            <button type="button" onClick={onBack}>
              {t('common.back')}
            </button>
          )}
          <button type="submit" className="primary" disabled={importPhrase.isPending || words.length === 0}>
            {t('import.submit')}
          </button>
        </div>
      </form>
    </OnboardingFrame>
  );
}
