import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useBridge } from '../../data/BridgeContext.tsx';
import { unwrap } from '../../data/contract.ts';

/** Typing pauses this long before the address is checked, so each keystroke does not ask the main process. */
const DEBOUNCE_MS = 300;

/** The network's checksum verdict on the address as typed (debounced); idle while the field is empty. */
export function useAddressCheck(address: string) {
  const bridge = useBridge();
  const trimmed = address.trim();
  const [settled, setSettled] = useState(trimmed);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(trimmed), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [trimmed]);
  const check = useQuery({
    queryKey: ['address-check', settled],
    queryFn: () => unwrap(bridge.networkCheckAddress({ address: settled })),
    enabled: settled !== '',
    staleTime: Infinity,
  });
  const typing = settled !== trimmed;
  return {
    empty: trimmed === '',
    checking: trimmed !== '' && (typing || check.isFetching),
    result: typing ? undefined : check.data,
    error: typing ? null : check.error,
  };
}
