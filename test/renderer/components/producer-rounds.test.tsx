// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import './render.tsx';
import { describe, expect, it } from 'vitest';
import type { ComponentProps } from 'react';
import { RoundsChart } from '../../../renderer/src/features/producer/RoundsChart.tsx';
import { I18nProvider } from '../../../renderer/src/i18n/I18nProvider.tsx';
import type { Locale } from '../../../renderer/src/i18n/catalogue.ts';

type Standing = ComponentProps<typeof RoundsChart>['producer'];
const idle = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ round: from + i, produced: 0, missed: 0 }));
const standing = (extra: Partial<Standing>): Standing => ({ rounds: [], status: 'active', inSet: true, ...extra });
const show = (producer: Standing, locale: Locale = 'en') =>
  render(
    <I18nProvider locale={locale}>
      <RoundsChart producer={producer} />
    </I18nProvider>,
  );

/** Issue 13 item 6: the "Recent rounds" chart never shows a row of empty bars; without turns it says why. */
describe('recent rounds chart', () => {
  it('draws the rounds a producer had turns in, with a summary in words', () => {
    const { container } = show(
      standing({
        rounds: [
          { round: 8, produced: 2, missed: 0 },
          { round: 9, produced: 1, missed: 1 },
        ],
      }),
    );
    expect(container.querySelector('svg')).not.toBeNull();
    expect(screen.getByTestId('chart-summary')).toHaveTextContent('Rounds 8 to 9 (2 rounds): produced 3, missed 1.');
  });

  it('says a candidate outside the set had no turns because it was not elected, and draws nothing', () => {
    const { container } = show(standing({ inSet: false, rounds: idle(3, 14) }));
    expect(container.querySelector('svg')).toBeNull();
    expect(screen.getByTestId('chart-empty')).toHaveTextContent(
      'No turns in rounds 3 to 14: it was not among the producers elected for them.',
    );
  });

  it('counts from the round a recent candidate registered in', () => {
    show(standing({ inSet: false, rounds: idle(12, 14), registeredInRound: 12 }));
    expect(screen.getByTestId('chart-empty')).toHaveTextContent('No turns since it registered in round 12: it was not');
  });

  it('names jail, leaving, and a fresh election as the reasons', () => {
    show(standing({ status: 'jailed', inSet: false, rounds: idle(1, 2) }));
    expect(screen.getByTestId('chart-empty')).toHaveTextContent('it is jailed');
    show(standing({ status: 'resigned', inSet: false, rounds: idle(1, 2) }));
    expect(screen.getAllByTestId('chart-empty')[1]).toHaveTextContent('no longer a candidate');
    show(standing({ rounds: idle(1, 2) }));
    expect(screen.getAllByTestId('chart-empty')[2]).toHaveTextContent('takes its first turn in the next round');
  });

  it('says the rounds are still being read before the first verified round, in both languages', () => {
    show(standing({}));
    expect(screen.getByTestId('chart-empty')).toHaveTextContent('still reading the chain’s recent rounds');
    show(standing({ inSet: false, rounds: idle(12, 14), registeredInRound: 12 }), 'zh-CN');
    expect(screen.getAllByTestId('chart-empty')[1]).toHaveTextContent(
      '自第 12 轮注册以来没有出块轮次：它未被选入这些轮次的出块者集合。',
    );
  });
});
