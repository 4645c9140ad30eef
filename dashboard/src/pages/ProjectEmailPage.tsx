import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Status';
import { useMe } from '../features/auth/use-me';
import { EmailSettingsForm } from '../features/email/EmailSettingsForm';
import { TemplatesPanel } from '../features/email/TemplatesPanel';
import { TestSendPanel } from '../features/email/TestSendPanel';
import { useEmailSettings } from '../features/email/use-email';
import { useProjectContext } from '../lib/outlet-context';
import { useDocumentTitle } from '../lib/use-document-title';

/** The Email tab: SMTP settings, a test send, and the templates of password reset and verification mails. */
export function ProjectEmailPage() {
  const { project } = useProjectContext();
  const settings = useEmailSettings(project.id);
  const me = useMe();
  useDocumentTitle(`${project.name} · Email`);
  if (settings.isPending) return <Loading label="Loading email settings…" />;
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <div className="settings">
      <EmailSettingsForm projectId={project.id} settings={settings.data} />
      {settings.data ? <TestSendPanel projectId={project.id} ownerEmail={me.data?.email ?? ''} /> : null}
      <TemplatesPanel projectId={project.id} />
    </div>
  );
}
