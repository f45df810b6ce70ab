import { useState } from 'react';
import { TransactionFlow, type Intent, type TransactionRequest } from '../../components/TransactionFlow.tsx';
import { Page } from '../../components/Page.tsx';
import { useAccount, useNetworkStatus, useVaultStatus } from '../../data/queries.ts';
import { ErrorNotice } from '../../errors/ErrorNotice.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { shortAddress } from '../../format/address.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApplyForm } from './ApplyForm.tsx';
import { MemberList } from './MemberList.tsx';
import { ProposalCard } from './ProposalCard.tsx';
import { ProposeForm } from './ProposeForm.tsx';
import { useMembers, useMembershipLiveUpdates, useProposals } from './queries.ts';
import './membership.css';
import { displayName } from '../../i18n/names.tsx';

/** Membership: apply, the open proposals with their tallies and deadlines, voting, proposing, and the member list. */
export function MembershipScreen() {
  const { t } = useI18n();
  useMembershipLiveUpdates();
  const vault = useVaultStatus();
  const signers = (vault.data?.accounts ?? []).filter((account) => account.kind !== 'watch');
  const [chosenId, setChosenId] = useState<string | null>(null);
  const signer = signers.find((account) => account.id === chosenId) ?? signers[0] ?? null;
  const account = useAccount(signer?.address ?? null);
  const proposals = useProposals();
  const members = useMembers();
  const network = useNetworkStatus();
  const [request, setRequest] = useState<TransactionRequest | null>(null);
  // While a transaction is reviewed or followed, the account and the other actions stay as they are.
  const busy = request !== null;
  const review = (intent: Intent) => {
    if (signer) setRequest({ accountId: signer.id, intent });
  };
  const isMember = account.data?.isMember ?? false;
  const memberNames = new Map((members.data?.members ?? []).map((member) => [member.address, member.name]));

  const blockedReason = (votes: readonly { member: string }[]): string | null => {
    if (!signer) return t('membership.blocked.noAccount');
    if (!account.data) return t('membership.blocked.checking');
    if (!isMember) return t('membership.blocked.notMember');
    if (votes.some((v) => v.member === signer.address)) return t('membership.blocked.voted');
    return null;
  };

  return (
    <Page title={t('membership.title')}>
      <QueryView query={vault}>
        {() => (
          <div className="membership">
            <div className="card membership-account">
              {signers.length === 0 ? (
                <p className="muted">{t('membership.noSigner')}</p>
              ) : (
                <div className="field">
                  <label htmlFor="membership-account">{t('membership.account')}</label>
                  <select
                    id="membership-account"
                    value={signer?.id ?? ''}
                    onChange={(event) => setChosenId(event.target.value)}
                    disabled={busy}
                  >
                    {signers.map((option) => (
                      <option key={option.id} value={option.id} translate="no">
                        {displayName(t, option.label).text} ({shortAddress(option.address)})
                      </option>
                    ))}
                  </select>
                </div>
              )}
              {account.isError && <ErrorNotice error={account.error} onRetry={() => void account.refetch()} />}
              {account.data && (
                <p className={isMember ? 'tag ok' : 'tag'} data-testid="member-status">
                  {isMember ? t('membership.isMember') : t('membership.notMember')}
                </p>
              )}
            </div>
            {request && (
              <TransactionFlow request={request} onEdit={() => setRequest(null)} onDone={() => setRequest(null)} />
            )}
            <section className="card" aria-labelledby="proposals-title">
              <h2 id="proposals-title">{t('membership.proposals.title')}</h2>
              <p className="hint">{t('membership.proposals.rule')}</p>
              <QueryView query={proposals}>
                {(list) =>
                  list.length === 0 ? (
                    <p className="muted">{t('membership.proposals.empty')}</p>
                  ) : (
                    <div className="proposals">
                      {list.map((proposal) => (
                        <ProposalCard
                          key={proposal.id}
                          proposal={proposal}
                          verifiedHeight={network.data?.verifiedHeight ?? null}
                          memberNames={memberNames}
                          vote={{
                            blockedReason: blockedReason(proposal.votes),
                            busy,
                            onVote: (approve) => review({ type: 'member.vote', proposalId: proposal.id, approve }),
                          }}
                        />
                      ))}
                    </div>
                  )
                }
              </QueryView>
            </section>
            <div className="membership-grid">
              {signer && account.data && !isMember && <ApplyForm disabled={busy} onSubmit={review} />}
              {signer && isMember && (
                <ProposeForm
                  members={members.data?.members ?? []}
                  self={signer.address}
                  disabled={busy}
                  onSubmit={review}
                />
              )}
              <MemberList members={members} />
            </div>
          </div>
        )}
      </QueryView>
    </Page>
  );
}
