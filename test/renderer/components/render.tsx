import '@testing-library/jest-dom/vitest';
import { cleanup, render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { afterEach } from 'vitest';
import type { Bridge } from '../../../shared/contract/bridge.ts';
import { App } from '../../../renderer/src/app/App.tsx';
import { BridgeProvider } from '../../../renderer/src/data/BridgeContext.tsx';
import { createQueryClient } from '../../../renderer/src/data/queries.ts';
import { LiveUpdates } from '../../../renderer/src/data/LiveUpdates.tsx';
import { I18nProvider } from '../../../renderer/src/i18n/I18nProvider.tsx';
import type { Locale } from '../../../renderer/src/i18n/catalogue.ts';
import { ThemeProvider } from '../../../renderer/src/theme/ThemeProvider.tsx';

// Vitest runs without globals here, so Testing Library cannot register its own clean-up.
afterEach(() => {
  cleanup();
  localStorage.clear();
  window.location.hash = '';
});

/** The whole app over a fake main process, as the person sees it. */
export function renderApp(bridge: Bridge, locale: Locale = 'en') {
  return render(<App bridge={bridge} locale={locale} />);
}

/** One screen with the providers it needs, without the vault gate. */
export function renderScreen(ui: ReactNode, bridge: Bridge) {
  const client = createQueryClient();
  return render(
    <BridgeProvider bridge={bridge}>
      <QueryClientProvider client={client}>
        <I18nProvider locale="en">
          <ThemeProvider>
            <LiveUpdates />
            {ui}
          </ThemeProvider>
        </I18nProvider>
      </QueryClientProvider>
    </BridgeProvider>,
  );
}
