import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/catalogue.ts';
import type { ProducerView } from './producerData.ts';

const BAR_WIDTH = 14;
const GAP = 6;
const HEIGHT = 64;

type Standing = Pick<ProducerView, 'rounds' | 'status' | 'inSet' | 'registeredInRound'>;

/** Why a candidate had no turn in any of the rounds shown, in words (a row of empty bars says nothing). */
function noTurnsReason(producer: Standing): Extract<MessageKey, `producer.noTurns.${string}`> {
  if (producer.status === 'jailed') return 'producer.noTurns.jailed';
  if (producer.status === 'resigned' || producer.status === 'tombstoned') return 'producer.noTurns.left';
  if (!producer.inSet) return 'producer.noTurns.notElected';
  return 'producer.noTurns.joining';
}

/**
 * Produced (solid) and missed (hatched, on top) slots per recent round as a small inline SVG. The
 * picture is decoration for sighted readers: the text summary beside it says the same in words.
 */
export function RoundsChart({ producer }: { producer: Standing }) {
  const { t, locale } = useI18n();
  const n = (value: number) => value.toLocaleString(locale);
  const { rounds } = producer;
  if (rounds.length === 0)
    return (
      <p className="muted" data-testid="chart-empty">
        {t('producer.noRounds')}
      </p>
    );
  if (rounds.every((round) => round.produced + round.missed === 0)) {
    const span = { first: n(rounds[0]!.round), last: n(rounds.at(-1)!.round) };
    return (
      <p className="muted" data-testid="chart-empty">
        {producer.registeredInRound === undefined
          ? t('producer.noTurnsIn', span)
          : t('producer.noTurnsSince', { round: n(producer.registeredInRound) })}
        {locale === 'zh-CN' ? '' : ' '}
        {t(noTurnsReason(producer))}
      </p>
    );
  }
  const produced = rounds.reduce((sum, round) => sum + round.produced, 0);
  const missed = rounds.reduce((sum, round) => sum + round.missed, 0);
  const tallest = Math.max(1, ...rounds.map((round) => round.produced + round.missed));
  const scale = (count: number) => (count / tallest) * (HEIGHT - 4);
  const width = rounds.length * (BAR_WIDTH + GAP);
  const summary = t('producer.chartSummary', {
    rounds: n(rounds.length),
    produced: n(produced),
    missed: n(missed),
    first: n(rounds[0]!.round),
    last: n(rounds.at(-1)!.round),
  });
  return (
    <figure className="rounds-chart">
      <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} aria-hidden="true" focusable="false">
        <defs>
          <pattern id="missed-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="4" height="4" className="chart-missed-bg" />
            <line x1="0" y1="0" x2="0" y2="4" className="chart-missed-line" />
          </pattern>
        </defs>
        {rounds.map((round, index) => {
          const x = index * (BAR_WIDTH + GAP);
          const producedHeight = scale(round.produced);
          const missedHeight = scale(round.missed);
          return (
            <g key={round.round}>
              <title>
                {t('producer.chartBar', {
                  round: n(round.round),
                  produced: n(round.produced),
                  missed: n(round.missed),
                })}
              </title>
              <rect
                x={x}
                y={HEIGHT - producedHeight}
                width={BAR_WIDTH}
                height={producedHeight}
                className="chart-produced"
              />
              <rect
                x={x}
                y={HEIGHT - producedHeight - missedHeight}
                width={BAR_WIDTH}
                height={missedHeight}
                fill="url(#missed-hatch)"
                className="chart-missed"
              />
              {/* A round without a turn still gets a stub, so an idle stretch reads as rounds, not as a blank. */}
              {round.produced + round.missed === 0 && (
                <rect x={x} y={HEIGHT - 3} width={BAR_WIDTH} height={3} className="chart-idle" />
              )}
            </g>
          );
        })}
      </svg>
      <figcaption data-testid="chart-summary">{summary}</figcaption>
    </figure>
  );
}
