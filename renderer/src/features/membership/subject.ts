import type { Proposal } from './queries.ts';

/**
 * The parts of a proposal's subject, read back from the main process's plain English ("Admit Acme
 * Ltd", "Remove the member cdev1…", "Set minFee to 10") so it can be said in the person's language.
 * Null when the text has another shape; the English is then shown as it is.
 */
export function subjectParts(proposal: Pick<Proposal, 'kind' | 'subject'>): { name: string; value?: string } | null {
  const patterns: Record<Proposal['kind'], RegExp> = {
    admitMember: /^Admit (.+)$/s,
    removeMember: /^Remove the member (\S+)$/,
    changeParameter: /^Set (\w+) to (\d+)$/,
  };
  const match = patterns[proposal.kind].exec(proposal.subject);
  if (!match) return null;
  return match[2] === undefined ? { name: match[1]! } : { name: match[1]!, value: match[2] };
}
