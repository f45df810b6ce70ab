import { useEffect, useState } from 'react';
import { screenFromHash, type ScreenId } from './screens.ts';

/** The current screen lives in the address's fragment (#/settings), so links, Back and reloads just work. */
export function useHashScreen(): ScreenId {
  const [screen, setScreen] = useState(() => screenFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setScreen(screenFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return screen;
}
