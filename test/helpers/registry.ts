import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/ipc.ts';
import type { ContractError } from '../../shared/contract/result.ts';
import type { Registry } from '../../electron/services/registry.ts';

/** Calls a channel as the page would and returns its value; a failure throws with its code and message. */
export async function channelValue<M extends MethodName>(
  registry: Registry,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await registry.typedCall(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Calls a channel that must fail, and returns the error the page would get. */
export async function channelError<M extends MethodName>(
  registry: Registry,
  method: M,
  input: MethodInput<M>,
): Promise<ContractError> {
  const result = await registry.typedCall(method, input);
  if (result.ok)
    throw new Error(`${method} was expected to fail, but answered ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}
