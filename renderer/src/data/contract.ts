import type { ContractError, ErrorCode, Result } from '../../../shared/contract/result.ts';

/** A contract error thrown, so TanStack Query can hold it as the query's error. */
export class ContractFailure extends Error {
  constructor(readonly contractError: ContractError) {
    super(contractError.message);
    this.name = 'ContractFailure';
  }
  get code(): ErrorCode {
    return this.contractError.code;
  }
}

/** The one adapter between the bridge's Result and TanStack Query: a value, or a thrown ContractFailure. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (result.ok) return result.value;
  throw new ContractFailure(result.error);
}

/** Any error as a contract error; something that is not one (a bug in the page) counts as INTERNAL. */
export function asContractError(error: unknown): ContractError {
  if (error instanceof ContractFailure) return error.contractError;
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export function hasCode(error: unknown, code: ErrorCode): boolean {
  return error instanceof ContractFailure && error.code === code;
}
