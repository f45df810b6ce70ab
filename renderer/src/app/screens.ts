import type { MessageKey } from '../i18n/catalogue.ts';

/** Every screen of the app, in navigation order. */
export const screens = [
  { id: 'overview', label: 'nav.overview' },
  { id: 'send', label: 'nav.send' },
  { id: 'receive', label: 'nav.receive' },
  { id: 'stake', label: 'nav.stake' },
  { id: 'vote', label: 'nav.vote' },
  { id: 'rounds', label: 'nav.rounds' },
  { id: 'producer', label: 'nav.producer' },
  { id: 'membership', label: 'nav.membership' },
  { id: 'offline', label: 'nav.offline' },
  { id: 'history', label: 'nav.history' },
  { id: 'settings', label: 'nav.settings' },
] as const satisfies readonly { id: string; label: MessageKey }[];

export type ScreenId = (typeof screens)[number]['id'];

export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '');
  return screens.find((screen) => screen.id === id)?.id ?? 'overview';
}
