import { quoted } from '../../offline/text.ts';
import type { KindSummaries } from '../summary.ts';
import type { TokenPayload } from './payloads.ts';

export const tokenSummaries: KindSummaries<TokenPayload> = {
  transfer: (p, show) => [
    `Send ${show.amount(p.amount)} to ${show.address(p.to)}${p.memo ? ` with memo ${quoted(p.memo)}` : ' (no memo)'}`,
  ],
};
