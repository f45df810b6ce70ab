import { shortAddress } from '../../format/address.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { Slot } from './useRound.ts';

const ICONS: Record<Slot['status'], string> = { produced: '✓', missed: '✕', now: '●', upcoming: '○' };

/** One slot of a round: its producer, its status in words and icon (never colour alone), and its expected time. */
export function SlotTile({ slot }: { slot: Slot }) {
  const { t, locale } = useI18n();
  const time =
    slot.at === undefined
      ? null
      : new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(slot.at);
  return (
    <li
      className={`slot slot-${slot.status}`}
      data-testid="slot"
      data-status={slot.status}
      aria-current={slot.status === 'now' ? 'step' : undefined}
    >
      <span className="slot-height">{t('rounds.height', { height: slot.height.toLocaleString(locale) })}</span>
      <span className="slot-name" translate="no">
        {slot.name}
      </span>
      <span className="mono muted slot-address" translate="no" title={slot.producer}>
        {shortAddress(slot.producer)}
      </span>
      <span className="slot-status">
        <span aria-hidden="true">{ICONS[slot.status]} </span>
        {t(`rounds.status.${slot.status}`)}
      </span>
      {time && (
        <time className="muted slot-time" dateTime={new Date(slot.at!).toISOString()}>
          {time}
        </time>
      )}
    </li>
  );
}
