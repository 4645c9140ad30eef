import { Breadcrumbs } from '../components/Breadcrumbs';
import { ChangePasswordForm } from '../features/account/ChangePasswordForm';
import { OwnSessions } from '../features/account/OwnSessions';
import { useMe } from '../features/auth/use-me';
import { useDocumentTitle } from '../lib/use-document-title';

/** The owner's own account: password and console sessions. */
export function AccountPage() {
  const me = useMe();
  useDocumentTitle('Account');
  return (
    <div className="page">
      <Breadcrumbs items={[{ label: 'Projects', to: '/projects' }, { label: 'Account' }]} />
      <header className="page__header">
        <h1 className="page__title">Account</h1>
        <p className="page__subtitle">{me.data?.email}</p>
      </header>
      <div className="settings">
        <ChangePasswordForm />
        <OwnSessions />
      </div>
    </div>
  );
}
