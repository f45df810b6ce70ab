import './TransactionFlow.css';

export interface SummaryLine {
  label: string;
  value: string;
}

/**
 * What a transaction does, in the plain-words lines the main process computed from its bytes. They are
 * the main process's own words (English), so marked as such and never translated by the browser.
 */
export function TransactionSummary({ lines }: { lines: readonly SummaryLine[] }) {
  return (
    <dl className="facts tx-summary" lang="en" data-testid="tx-summary">
      {lines.map((line) => (
        <div key={`${line.label}:${line.value}`} className="tx-line">
          <dt>{line.label}</dt>
          <dd translate="no">{line.value}</dd>
        </div>
      ))}
    </dl>
  );
}
