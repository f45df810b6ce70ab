import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { Bridge } from '../../../shared/contract/bridge.ts';
import { BridgeProvider } from '../data/BridgeContext.tsx';
import { LiveUpdates } from '../data/LiveUpdates.tsx';
import { createQueryClient } from '../data/queries.ts';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import type { Locale } from '../i18n/catalogue.ts';
import { ThemeProvider } from '../theme/ThemeProvider.tsx';
import { ToastProvider } from '../components/Toast.tsx';
import { AboutFooter } from './AboutFooter.tsx';
import { VaultGate } from './VaultGate.tsx';

/** The whole page: providers, then the vault decides between onboarding, the unlock screen and the shell. */
export function App({ bridge, locale }: { bridge: Bridge; locale?: Locale }) {
  const [client] = useState(createQueryClient);
  return (
    <BridgeProvider bridge={bridge}>
      <QueryClientProvider client={client}>
        <I18nProvider {...(locale ? { locale } : {})}>
          <ThemeProvider>
            <ToastProvider>
              <LiveUpdates />
              <div className="frame">
                <VaultGate />
                <AboutFooter />
              </div>
            </ToastProvider>
          </ThemeProvider>
        </I18nProvider>
      </QueryClientProvider>
    </BridgeProvider>
  );
}
