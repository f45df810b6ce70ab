import { QueryView } from '../../components/QueryView.tsx';
import { useEffect, useState } from 'react';
import { Page } from '../../components/Page.tsx';
import { AccountPicker } from '../../components/TransactionFlowAccount.tsx';
import { copyText } from '../../components/CopyButton.tsx';
import { useToast } from '../../components/Toast.tsx';
import { useVaultStatus } from '../../data/queries.ts';
import { useSelectedAccount } from '../../data/useSelectedAccount.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useAccountName } from '../../i18n/names.tsx';
import './receive.css';

/** The address as an SVG QR code; the encoder loads with this screen only, so the start bundle does not carry it. */
function AddressQr({ address, alt }: { address: string; alt: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then(({ toString }) =>
      toString(address, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then((text) => {
        if (live) setSvg(text);
      }),
    );
    return () => {
      live = false;
    };
  }, [address]);
  if (!svg) return <div className="receive-qr" aria-busy="true" />;
  return (
    <img
      className="receive-qr"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={alt}
      data-testid="receive-qr"
      width={220}
      height={220}
    />
  );
}

/** Receive: the chosen account's full address, as text to copy and as a QR code to scan; watch-only accounts too. */
export function ReceiveScreen() {
  const { t } = useI18n();
  const toast = useToast();
  const vault = useVaultStatus();
  const accounts = vault.data?.accounts ?? [];
  const [selected, select] = useSelectedAccount(accounts);
  const name = useAccountName();
  const copy = async (address: string) =>
    toast.show((await copyText(address)) ? t('copy.addressDone') : t('copy.failed'));
  return (
    <Page title={t('receive.title')}>
      <QueryView query={vault}>
        {() => (
          <section className="card receive">
            <AccountPicker accounts={accounts} selected={selected} onSelect={select} id="receive-account" />
            {selected && (
              <div className="receive-body">
                <AddressQr address={selected.address} alt={t('receive.qrAlt', { name: name(selected) })} />
                <div className="receive-text">
                  <p className="hint">{t('receive.intro')}</p>
                  <p className="receive-address mono" translate="no" data-testid="receive-address">
                    {selected.address}
                  </p>
                  <button type="button" className="primary" onClick={() => void copy(selected.address)}>
                    {t('receive.copy')}
                  </button>
                  {selected.kind === 'watch' && <p className="hint">{t('receive.watchHint')}</p>}
                </div>
              </div>
            )}
          </section>
        )}
      </QueryView>
    </Page>
  );
}
