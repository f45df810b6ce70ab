import { methodNames } from '../../shared/contract/channels.ts';
import type { Handlers } from '../../electron/services/registry.ts';

/** A handler for every channel that fails if called: tests spread the areas they exercise over it (the registry needs all). */
export const unusedHandlers = Object.fromEntries(
  methodNames.map((name) => [
    name,
    () => {
      throw new Error(`${name} is not used here`);
    },
  ]),
) as unknown as Handlers;
