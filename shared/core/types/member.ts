/** A consortium member's state, stored under its address. */
import { struct, u64, type Codec } from '../encoding/index.ts';
import { memberInfoCodec, memberNameCodec } from './governance.ts';

export interface Member {
  /** Organisation name, as given in its application. */
  name: string;
  /** Free text from its application (contact, URL). */
  info: string;
  /** Height of the block in which its admission passed (0 for genesis members). */
  admittedAt: bigint;
}

export const memberCodec: Codec<Member> = struct({ name: memberNameCodec, info: memberInfoCodec, admittedAt: u64 });
