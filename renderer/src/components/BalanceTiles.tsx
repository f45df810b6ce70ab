import { formatAmount, TOKEN } from '../format/amount.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export interface BalanceTile {
  key: string;
  label: string;
  /** Base units, as the contract carries them. */
  amount: string;
}

/** Balances as tiles of whole tokens; each tile is `<testIdPrefix>-<key>` for tests. */
export function BalanceTiles({ tiles, testIdPrefix }: { tiles: readonly BalanceTile[]; testIdPrefix: string }) {
  const { locale } = useI18n();
  return (
    <dl className="balances">
      {tiles.map((tile) => (
        <div className="balance" key={tile.key} data-testid={`${testIdPrefix}-${tile.key}`}>
          <dt>{tile.label}</dt>
          <dd>
            <span className="amount">{formatAmount(tile.amount, locale)}</span>{' '}
            <span className="unit" translate="no">
              {TOKEN.symbol}
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
