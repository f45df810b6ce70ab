import { QueryView } from '../../components/QueryView.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useProducerAlerts, type ProducerAlert } from './producerData.ts';

const SERIOUS = new Set<ProducerAlert['kind']>(['missed', 'droppedOut', 'jailed', 'behind']);

/** Alerts about the vault's candidates, newest first, including those pushed while the screen is open. */
export function AlertsCard() {
  const { t, locale } = useI18n();
  const alerts = useProducerAlerts();
  const when = (at: number) => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(at);
  const alertList = (list: ProducerAlert[]) => (
    <ol className="plain alerts" aria-live="polite">
      {list.map((alert) => (
        <li
          key={alert.id}
          className={`alert-row ${SERIOUS.has(alert.kind) ? 'alert-serious' : 'alert-good'}`}
          data-kind={alert.kind}
        >
          <span className="alert-kind">
            <span aria-hidden="true">{SERIOUS.has(alert.kind) ? '⚠ ' : '✓ '}</span>
            {t(`producer.alert.${alert.kind}`)}
          </span>
          <span translate="no" className="alert-name">
            {alert.name}
          </span>
          <time className="muted" dateTime={new Date(alert.at).toISOString()}>
            {when(alert.at)}
          </time>
          <span className="alert-message" lang="en">
            {alert.message}
          </span>
        </li>
      ))}
    </ol>
  );
  return (
    <section className="card" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('producer.alerts')}</h2>
      <QueryView query={alerts}>
        {(list) => (list.length === 0 ? <p className="muted">{t('producer.noAlerts')}</p> : alertList(list))}
      </QueryView>
    </section>
  );
}
