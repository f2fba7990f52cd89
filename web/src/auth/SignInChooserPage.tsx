/**
 * Where single sign-on sends a browser without a platform session (`?next=/oidc/interaction/…`):
 * the visitor chooses the kind of account, and that kind's login page sends the browser back to
 * `next`. A session the browser already has goes straight on, through its login page (the
 * session cookie is not sent on arriving from another site, but this page's own requests carry it).
 */
import { IdcardOutlined, RightOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { safeNext } from '../accountRules.ts';
import { useAuth } from '../auth.tsx';
import type { MessageKey } from '../i18n.ts';
import { usePerson } from '../my/personContext.tsx';
import { useT } from '../prefs.tsx';
import { Loading } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

const KINDS: { key: 'person' | 'staff'; path: string; icon: ReactNode; title: MessageKey; hint: MessageKey }[] = [
  { key: 'person', path: '/my/login', icon: <IdcardOutlined aria-hidden />, title: 'signIn.person', hint: 'signIn.personHint' },
  { key: 'staff', path: '/login', icon: <TeamOutlined aria-hidden />, title: 'signIn.staff', hint: 'signIn.staffHint' },
];

export function SignInChooserPage() {
  const t = useT();
  const staff = useAuth();
  const persons = usePerson();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'), '');
  const to = (path: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);

  if (staff.loading || persons.loading) return <Loading />;
  if (staff.me) return <Navigate to={to('/login')} replace />;
  if (persons.person) return <Navigate to={to('/my/login')} replace />;

  return (
    <div className="auth-page">
      <PageHeader title={t('signIn.title')} lead={t('signIn.lead')} />
      <ul className="kind-choices" data-testid="account-kinds">
        {KINDS.map((kind) => (
          <li key={kind.key}>
            <Link to={to(kind.path)} className="kind-choice" data-testid={`sign-in-${kind.key}`}>
              <span className="kind-choice__icon">{kind.icon}</span>
              <span className="kind-choice__text">
                <strong>{t(kind.title)}</strong>
                <span>{t(kind.hint)}</span>
              </span>
              <RightOutlined aria-hidden />
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
