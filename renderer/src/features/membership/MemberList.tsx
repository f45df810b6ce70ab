import { CopyButton } from '../../components/CopyButton.tsx';
import { StoredName } from '../../i18n/names.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { VerifiedMark } from '../../components/VerifiedMark.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { useMembers } from './queries.ts';

/** The consortium's members, from the proven member list. */
export function MemberList({ members }: { members: ReturnType<typeof useMembers> }) {
  const { t, locale } = useI18n();
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">{t('membership.members.title')}</h2>
      <QueryView query={members}>
        {(list) =>
          list.members.length === 0 ? (
            <p className="muted">{t('membership.members.empty')}</p>
          ) : (
            <>
              <ul className="plain member-list">
                {list.members.map((member) => (
                  <li key={member.address}>
                    {member.name ? (
                      <StoredName className="member-name" label={member.name} />
                    ) : (
                      <span className="member-name">—</span>
                    )}
                    <span className="mono muted member-address" translate="no">
                      {member.address}
                    </span>
                    <CopyButton value={member.address} />
                  </li>
                ))}
              </ul>
              <p className="muted" data-testid="members-count">
                {t('membership.members.count', { count: list.members.length.toLocaleString(locale) })}
              </p>
              <VerifiedMark {...list.verifiedAt} />
            </>
          )
        }
      </QueryView>
    </section>
  );
}
