import { useLayoutEffect, useRef } from 'react';

/**
 * A ref holding the newest `value`: an effect can call a parent's newest callback without re-running (or
 * re-subscribing) each time the parent renders a new function.
 */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
