import { useQuery } from '@tanstack/react-query';
import { CopyButton } from '../../components/CopyButton.tsx';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

/**
 * Whether an endpoint's host is this computer or a private network: other members' wallets and
 * nodes cannot reach such an address, so a registration naming it is almost always a mistake.
 */
export function isLocalOrPrivate(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    host.startsWith('fe80:') ||
    host.startsWith('fc') ||
    host.startsWith('fd')
  )
    return true;
  const octets = host.split('.').map(Number);
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet))) return false;
  const [a = 0, b = 0] = octets;
  return (
    a === 127 ||
    a === 10 ||
    (a === 192 && b === 168) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 169 && b === 254) ||
    a === 0
  );
}

/** The registered endpoint and consensus key, a live reachability check of the endpoint, and a warning for a local one. */
export function EndpointFacts({ endpoint, consensusKey }: { endpoint: string; consensusKey: string }) {
  const { t, locale } = useI18n();
  const bridge = useBridge();
  const check = useQuery({
    queryKey: ['producer', 'endpoint', endpoint],
    queryFn: () => unwrap(bridge.producerCheckEndpoint({ url: endpoint })),
    refetchInterval: 30_000,
  });
  const result = check.data;
  const reach = () => {
    if (check.isPending) return <span className="muted">{t('producer.endpointChecking')}</span>;
    if (check.isError || !result) return <span className="tag warn">{t('producer.endpointUnknown')}</span>;
    if (result.reachable && result.chainId !== undefined && result.height !== undefined)
      return (
        <span
          className={`tag ${result.sameChain === false ? 'warn' : 'ok'}`}
          data-testid="endpoint-reach"
          data-reachable="true"
        >
          {result.sameChain === false
            ? t('producer.endpointOtherChain', { chainId: result.chainId })
            : t('producer.endpointAnswers', { chainId: result.chainId, height: result.height.toLocaleString(locale) })}
        </span>
      );
    return (
      <span className="tag warn" data-testid="endpoint-reach" data-reachable="false">
        {t(`producer.endpointProblem.${result.problem ?? 'unreachable'}`)}
      </span>
    );
  };
  return (
    <>
      <dt>{t('producer.endpoint')}</dt>
      <dd>
        <span className="mono" translate="no">
          {endpoint}
        </span>{' '}
        {reach()}
        {isLocalOrPrivate(endpoint) && (
          <p className="notice notice-error" role="status" data-testid="endpoint-local">
            {t('producer.endpointLocal')}
          </p>
        )}
      </dd>
      <dt>{t('producer.consensusKey')}</dt>
      <dd>
        <span className="mono key-text" translate="no">
          {consensusKey}
        </span>
        <CopyButton value={consensusKey} what="id" />
      </dd>
    </>
  );
}
