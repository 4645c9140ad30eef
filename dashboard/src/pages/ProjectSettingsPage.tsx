import { ApiKeyPanel } from '../features/settings/ApiKeyPanel';
import { DeleteProjectPanel } from '../features/settings/DeleteProjectPanel';
import { GeneralSettings } from '../features/settings/GeneralSettings';
import { MasterKeyPanel } from '../features/settings/MasterKeyPanel';
import { OriginSettings } from '../features/settings/OriginSettings';
import { UsagePanel } from '../features/settings/UsagePanel';
import { useProjectContext } from '../lib/outlet-context';
import { useDocumentTitle } from '../lib/use-document-title';

export function ProjectSettingsPage() {
  const { project } = useProjectContext();
  useDocumentTitle(`${project.name} · Settings`);
  return (
    <div className="settings">
      <ApiKeyPanel project={project} />
      <MasterKeyPanel project={project} />
      <GeneralSettings project={project} />
      <OriginSettings project={project} />
      <UsagePanel project={project} />
      <DeleteProjectPanel project={project} />
    </div>
  );
}
