import { useEffect, useState } from 'react';

/** Whole seconds left until `until` (epoch ms), ticking; 0 once it has passed or when there is none. */
const secondsUntil = (until: number | null | undefined) =>
  until ? Math.max(0, Math.ceil((until - Date.now()) / 1000)) : 0;

export function useCountdown(until: number | null | undefined): number {
  const [seconds, setSeconds] = useState(() => secondsUntil(until));
  useEffect(() => {
    setSeconds(secondsUntil(until));
    if (!until || until <= Date.now()) return;
    const timer = setInterval(() => {
      const next = secondsUntil(until);
      setSeconds(next);
      if (next === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [until]);
  return seconds;
}
