import { shortAddress } from '../../format/address.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { failThreshold, passThreshold, type Proposal } from './queries.ts';
import { subjectParts } from './subject.ts';

/** A message with its placeholders filled by names that stay as they are in every language (marked translate="no"). */
function withNames(text: string, names: readonly string[]) {
  const pieces = text.split('\u0000');
  return pieces.flatMap((piece, index) => [
    piece,
    index < names.length ? (
      <span key={index} translate="no">
        {names[index]}
      </span>
    ) : null,
  ]);
}

function Subject({ proposal }: { proposal: Proposal }) {
  const { t } = useI18n();
  const parts = subjectParts(proposal);
  const slot = '\u0000';
  if (!parts) return <span lang="en">{proposal.subject}</span>;
  if (proposal.kind === 'admitMember')
    return <>{withNames(t('membership.subject.admit', { name: slot }), [parts.name])}</>;
  if (proposal.kind === 'removeMember')
    return <>{withNames(t('membership.subject.remove', { member: slot }), [shortAddress(parts.name)])}</>;
  return (
    <>{withNames(t('membership.subject.parameter', { name: slot, value: slot }), [parts.name, parts.value ?? ''])}</>
  );
}

/** One side of the tally: a bar filled by the votes, with the threshold marked on it. */
function TallyBar({
  label,
  votes,
  members,
  threshold,
  tone,
}: {
  label: string;
  votes: number;
  members: number;
  threshold: string;
  tone: 'yes' | 'no';
}) {
  const max = Math.max(1, members);
  return (
    <div className="tally">
      <span className="tally-label">{label}</span>
      <span className={`tally-bar ${tone}`} aria-hidden="true">
        <span className="tally-fill" style={{ width: `${(Math.min(votes, max) / max) * 100}%` }} />
      </span>
      <span className="tally-threshold">{threshold}</span>
    </div>
  );
}

export interface VoteControl {
  /** Why this account cannot vote on this proposal, or null when it can. */
  blockedReason: string | null;
  busy: boolean;
  onVote(approve: boolean): void;
}

/** An open proposal: its subject in plain words, the tally against both thresholds, the deadline, each member's vote. */
export function ProposalCard({
  proposal,
  verifiedHeight,
  memberNames,
  vote,
}: {
  proposal: Proposal;
  verifiedHeight: number | null;
  memberNames: ReadonlyMap<string, string>;
  vote: VoteControl;
}) {
  const { t, locale } = useI18n();
  const n = (value: number) => value.toLocaleString(locale);
  const pass = passThreshold(proposal.members);
  const fail = failThreshold(proposal.members);
  const left = verifiedHeight === null ? null : proposal.deadlineHeight - verifiedHeight;
  const voteOf = new Map(proposal.votes.map((v) => [v.member, v.approve]));
  const voters = [...new Set([...memberNames.keys(), ...voteOf.keys()])];
  const reasonId = `vote-reason-${proposal.id.slice(0, 12)}`;
  return (
    <article className="proposal" aria-labelledby={`proposal-${proposal.id.slice(0, 12)}`} data-testid="proposal">
      <h3 id={`proposal-${proposal.id.slice(0, 12)}`}>
        <Subject proposal={proposal} />
      </h3>
      <p className="muted proposal-meta">
        {t('membership.proposedBy')}{' '}
        <span translate="no" title={proposal.proposer}>
          {memberNames.get(proposal.proposer) || shortAddress(proposal.proposer)}
        </span>
        {' · '}
        {left === null
          ? t('membership.deadline', { height: n(proposal.deadlineHeight) })
          : left > 0
            ? t('membership.deadlineIn', { height: n(proposal.deadlineHeight), blocks: n(left) })
            : t('membership.deadlineReached', { height: n(proposal.deadlineHeight) })}
      </p>
      <div className="tallies" data-testid="tally">
        <TallyBar
          tone="yes"
          label={t('membership.tally.yes', { votes: n(proposal.yes), members: n(proposal.members) })}
          votes={proposal.yes}
          members={proposal.members}
          threshold={t('membership.tally.passAt', { votes: n(pass) })}
        />
        <TallyBar
          tone="no"
          label={t('membership.tally.no', { votes: n(proposal.no), members: n(proposal.members) })}
          votes={proposal.no}
          members={proposal.members}
          threshold={t('membership.tally.failAt', { votes: n(fail) })}
        />
      </div>
      <details className="votes">
        <summary>{t('membership.howVoted')}</summary>
        <ul className="plain">
          {voters.map((member) => {
            const approve = voteOf.get(member);
            return (
              <li key={member}>
                <span translate="no" title={member}>
                  {memberNames.get(member) || shortAddress(member)}
                </span>{' '}
                <span className={approve === undefined ? 'tag' : approve ? 'tag ok' : 'tag warn'}>
                  {approve === undefined
                    ? t('membership.vote.none')
                    : approve
                      ? t('membership.vote.yes')
                      : t('membership.vote.no')}
                </span>
              </li>
            );
          })}
        </ul>
      </details>
      <div className="actions proposal-actions">
        {vote.blockedReason && (
          <p className="hint" id={reasonId}>
            {vote.blockedReason}
          </p>
        )}
        <button
          type="button"
          onClick={() => vote.onVote(false)}
          disabled={vote.blockedReason !== null || vote.busy}
          aria-describedby={vote.blockedReason ? reasonId : undefined}
        >
          {t('membership.voteNo')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => vote.onVote(true)}
          disabled={vote.blockedReason !== null || vote.busy}
          aria-describedby={vote.blockedReason ? reasonId : undefined}
        >
          {t('membership.voteYes')}
        </button>
      </div>
    </article>
  );
}
