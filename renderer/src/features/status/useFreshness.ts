import { useEffect, useState } from 'react';
import { useNetworkStatus, type NetworkStatus } from '../../data/queries.ts';

type Cause = NonNullable<NonNullable<NetworkStatus['freshness']>['cause']>;

/** The verified view's age and state, as the main process judges it (electron/services/network/freshness.ts). */
export type Freshness =
  | { state: 'loading' }
  | {
      state: 'fresh' | 'stale';
      height: number;
      ageMs: number;
      thresholdMs: number;
      staleAfterBlocks: number;
      cause?: Cause;
      endpointCount: number;
    };

/** The current time, re-read every `everyMs`, so ages shown keep counting between status pushes. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Whether and how old what is shown is. Fresh or stale is the main process's word; the age counts here. */
export function useFreshness(): Freshness {
  const status = useNetworkStatus();
  const now = useNow();
  const data = status.data;
  const fresh = data?.freshness;
  if (!data || !fresh || fresh.state === 'loading' || !data.verifiedTime) return { state: 'loading' };
  return {
    state: fresh.state,
    height: data.verifiedHeight,
    ageMs: Math.max(0, now - data.verifiedTime),
    thresholdMs: fresh.thresholdMs,
    staleAfterBlocks: fresh.staleAfterBlocks,
    ...(fresh.cause ? { cause: fresh.cause } : {}),
    endpointCount: data.endpoints.length,
  };
}

/** "now", "3 seconds ago", "5 minutes ago", "2 hours ago" in the person's language. */
export function formatAge(ms: number, locale: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }); // 0 s reads "now"
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return format.format(-seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return format.format(-hours, 'hour');
  return format.format(-Math.round(hours / 24), 'day');
}

/** "30 seconds", "5 minutes": a duration in the person's language. */
export function formatDuration(ms: number, locale: string): string {
  const seconds = Math.round(ms / 1000);
  const unit = seconds < 120 ? { value: seconds, unit: 'second' } : { value: Math.round(seconds / 60), unit: 'minute' };
  return new Intl.NumberFormat(locale, { style: 'unit', unit: unit.unit, unitDisplay: 'long' }).format(unit.value);
}
