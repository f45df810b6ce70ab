import { ServiceError } from './errors.ts';
import { type Handlers } from './registry.ts';
import type { MethodName } from '../../shared/contract/channels.ts';

/**
 * TEMPORARY, while an area is being built: its channels answer "not available yet" instead of
 * pretending. Nothing may ship using this; `grep pendingHandlers` must come back empty.
 */
export function pendingHandlers<M extends MethodName>(names: readonly M[], what: string): Pick<Handlers, M> {
  const handlers = {} as Record<M, () => never>;
  for (const name of names) {
    handlers[name] = () => {
      throw new ServiceError('UNAVAILABLE', `${what} is not available in this build yet.`);
    };
  }
  return handlers as unknown as Pick<Handlers, M>;
}
