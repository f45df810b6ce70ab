import type { HTMLAttributes, ReactNode } from 'react';
import { utf8Bytes } from '../../../shared/contract/limits.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** True when the text fits a limit the chain counts in bytes (trimmed, as the forms send it). */
export const fitsBytes = (text: string, maxBytes: number): boolean => utf8Bytes(text.trim()) <= maxBytes;

interface TextFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  /** The chain's limit in UTF-8 bytes; the field says so when the text is longer (a character limit cannot). */
  maxBytes?: number;
  /** A limit in characters, for text only this app keeps (names in the vault); the chain's limits are `maxBytes`. */
  maxLength?: number;
  /** A hint under the field; `error` takes its place and marks the field invalid. */
  hint?: ReactNode;
  error?: ReactNode;
  /** A textarea of this many rows instead of a one-line input. */
  rows?: number;
  type?: 'text' | 'url';
  className?: string;
  autoComplete?: string;
  spellCheck?: boolean;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  placeholder?: string;
  /** Shown under the hint: a warning about the value, for instance. */
  children?: ReactNode;
}

/** A labelled text field with its hint or error tied to it for screen readers; one shape for every form. */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, maxBytes, hint, error, rows, type, children, ...shared } = props;
  const { t } = useI18n();
  const used = maxBytes === undefined ? 0 : utf8Bytes(value.trim());
  const shown =
    error ?? (maxBytes !== undefined && used > maxBytes ? t('common.tooLong', { used, max: maxBytes }) : undefined);
  const note = shown ?? hint;
  const noteId = `${id}-hint`;
  const common = {
    id,
    value,
    // Never more characters than bytes: stops a huge paste, while the byte count above catches wide characters.
    ...(maxBytes === undefined ? {} : { maxLength: maxBytes }),
    'aria-invalid': shown !== undefined,
    ...(note === undefined ? {} : { 'aria-describedby': noteId }),
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {rows === undefined ? (
        <input {...common} {...shared} type={type ?? 'text'} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <textarea {...common} {...shared} rows={rows} onChange={(event) => onChange(event.target.value)} />
      )}
      {note !== undefined && (
        <p id={noteId} className={shown === undefined ? 'hint' : 'hint field-error'} aria-live="polite">
          {note}
        </p>
      )}
      {children}
    </div>
  );
}
