import { useI18n } from '../i18n/I18nProvider.tsx';
import { useToast } from './Toast.tsx';
import { CopyIcon } from './Icons.tsx';

/**
 * The clipboard API where the page may use it (Electron, and the web host on 127.0.0.1, a secure
 * context); otherwise the older selection copy, so the button never silently does nothing.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

/** A small button beside an address or id: copies the whole value and says so in a toast. */
export function CopyButton({
  value,
  what = 'address',
  className = '',
}: {
  value: string;
  what?: 'address' | 'id';
  className?: string;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const copy = async () =>
    toast.show((await copyText(value)) ? t(what === 'address' ? 'copy.addressDone' : 'copy.idDone') : t('copy.failed'));
  return (
    <button
      type="button"
      className={`copy-button ${className}`}
      onClick={() => void copy()}
      aria-label={t(what === 'address' ? 'copy.address' : 'copy.id')}
      title={t(what === 'address' ? 'copy.address' : 'copy.id')}
      data-copy={value}
    >
      <CopyIcon />
    </button>
  );
}
