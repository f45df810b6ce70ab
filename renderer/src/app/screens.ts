import type { MessageKey } from '../i18n/catalogue.ts';

/** Every screen of the app, in navigation order. */
export const screens = [
  { id: 'overview', label: 'nav.overview', icon: '⌂' },
  { id: 'send', label: 'nav.send', icon: '↗' },
  { id: 'receive', label: 'nav.receive', icon: '↙' },
  { id: 'stake', label: 'nav.stake', icon: '◆' },
  { id: 'vote', label: 'nav.vote', icon: '✓' },
  { id: 'rounds', label: 'nav.rounds', icon: '◔' },
  { id: 'producer', label: 'nav.producer', icon: '▣' },
  { id: 'membership', label: 'nav.membership', icon: '☷' },
  { id: 'offline', label: 'nav.offline', icon: '⇄' },
  { id: 'history', label: 'nav.history', icon: '☰' },
  { id: 'settings', label: 'nav.settings', icon: '⚙' },
] as const satisfies readonly {
  id: string;
  label: MessageKey;
  /** Shown alone when the sidebar is narrow. */ icon: string;
}[];

export type ScreenId = (typeof screens)[number]['id'];

export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '');
  return screens.find((screen) => screen.id === id)?.id ?? 'overview';
}
