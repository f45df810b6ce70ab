import { useEffect, useState } from 'react';
import { useBridge } from '../data/BridgeContext.tsx';
import { useVaultStatus } from '../data/queries.ts';
import { ErrorNotice } from '../errors/ErrorNotice.tsx';
import { Loading } from '../components/Loading.tsx';
import { Onboarding } from '../features/onboarding/Onboarding.tsx';
import { Unlock } from '../features/onboarding/Unlock.tsx';
import { RestorePhrase } from '../features/onboarding/RestorePhrase.tsx';
import { Shell } from './Shell.tsx';

/**
 * No vault, or one without accounts: onboarding (which stays until its phrase check is done, even
 * though the account exists from the moment the phrase is made). Locked: the unlock screen, also
 * when the vault locks itself while idle (pushed by vault.changed). Otherwise the app.
 */
export function VaultGate() {
  const bridge = useBridge();
  const status = useVaultStatus();
  const [onboarding, setOnboarding] = useState(false);
  const [lockedWhileIdle, setLockedWhileIdle] = useState(false);
  // Stays open through the restore's last page, though the vault is unlocked by then.
  const [restoring, setRestoring] = useState(false);
  const data = status.data;
  const needsSetup = data ? !data.exists || (!data.locked && data.accounts.length === 0) : false;

  useEffect(() => {
    if (needsSetup) setOnboarding(true);
  }, [needsSetup]);
  useEffect(
    () =>
      bridge.onVaultChanged(({ reason }) => {
        if (reason === 'idle' || reason === 'locked') setOnboarding(false);
        setLockedWhileIdle(reason === 'idle');
      }),
    [bridge],
  );

  if (status.isPending) return <Loading />;
  if (status.isError)
    return (
      <main className="centered">
        <ErrorNotice error={status.error} onRetry={() => void status.refetch()} />
      </main>
    );
  const vault = status.data;
  if (restoring && vault.exists)
    return <RestorePhrase onCancel={() => setRestoring(false)} onDone={() => setRestoring(false)} />;
  if (vault.exists && vault.locked)
    return <Unlock status={vault} lockedWhileIdle={lockedWhileIdle} onRestore={() => setRestoring(true)} />;
  if (onboarding || needsSetup) return <Onboarding status={vault} onDone={() => setOnboarding(false)} />;
  return <Shell />;
}
