/**
 * A state rule's refusal: a stable machine code beside the English reason. Reasons are for people
 * (and are compared by tests and the chain); codes are for programs, so a wallet can act on a
 * refusal without parsing its sentence. Codes are only ever added, never renamed.
 */
export interface Refusal<Code extends string = string> {
  code: Code;
  reason: string;
}

export const refuse = <Code extends string>(code: Code, reason: string): Refusal<Code> => ({ code, reason });
