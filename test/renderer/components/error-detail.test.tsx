// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import './render.tsx';
import { describe, expect, it } from 'vitest';
import type { ContractError } from '../../../shared/contract/result.ts';
import { ContractFailure } from '../../../renderer/src/data/contract.ts';
import { createQueryClient } from '../../../renderer/src/data/queries.ts';
import { ErrorNotice } from '../../../renderer/src/errors/ErrorNotice.tsx';
import { I18nProvider } from '../../../renderer/src/i18n/I18nProvider.tsx';
import { en } from '../../../renderer/src/i18n/en.ts';
import type { Locale } from '../../../renderer/src/i18n/catalogue.ts';

const show = (error: ContractError, locale: Locale) =>
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider locale={locale}>
        <ErrorNotice error={new ContractFailure(error)} />
      </I18nProvider>
    </QueryClientProvider>,
  );

/** Issue 13 item 11: an error the app itself makes is worded in the person's language from its key and params. */
describe('error details from the main process', () => {
  it('words a keyed error in Chinese, its values kept as they are and marked not for translation', () => {
    show(
      {
        code: 'EXISTS',
        message: 'http://127.0.0.1:26657 is already one of the endpoints.',
        key: 'endpoint.exists',
        params: { url: 'http://127.0.0.1:26657' },
      },
      'zh-CN',
    );
    const detail = screen.getByRole('alert').querySelector('.notice-detail')!;
    expect(detail).toHaveTextContent('http://127.0.0.1:26657 已经是端点之一。');
    expect(detail).not.toHaveAttribute('lang');
    expect(screen.getByText('http://127.0.0.1:26657')).toHaveAttribute('translate', 'no');
    expect(screen.getByRole('alert')).not.toHaveTextContent('already one of');
  });

  it('fills numbers into the sentence in English too', () => {
    show(
      {
        code: 'VALIDATION',
        message: 'Choose a password of at least 8 characters.',
        key: 'password.short',
        params: { min: 8 },
      },
      'en',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a password of at least 8 characters.');
  });

  it('shows the English sentence, marked as English, for a key the page does not know or no key', () => {
    show({ code: 'INTERNAL', message: 'Something new went wrong.', key: 'not.a.key' }, 'zh-CN');
    expect(screen.getByText('Something new went wrong.')).toHaveAttribute('lang', 'en');
  });

  it('has a message in the catalogue for every key the main process sends', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const sent = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith('.ts'))
          for (const match of readFileSync(path, 'utf8').matchAll(/key: '([a-zA-Z.]+)'/g)) sent.add(match[1]!);
      }
    };
    walk('electron/services');
    expect(sent.size).toBeGreaterThan(15);
    const missing = [...sent].filter((key) => !(`error.detail.${key}` in en));
    expect(missing).toEqual([]);
  });
});
