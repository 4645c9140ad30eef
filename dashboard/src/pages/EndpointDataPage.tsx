import { FilesBrowser } from '../features/files/FilesBrowser';
import { RecordsBrowser } from '../features/records/RecordsBrowser';
import { useEndpointContext } from '../lib/outlet-context';
import { useDocumentTitle } from '../lib/use-document-title';

export function EndpointDataPage() {
  const { project, endpoint } = useEndpointContext();
  useDocumentTitle(`${endpoint.name} · ${endpoint.auth ? 'Users' : endpoint.files ? 'Files' : 'Data'}`);
  if (endpoint.files) return <FilesBrowser key={endpoint.id} projectId={project.id} endpoint={endpoint} />;
  return <RecordsBrowser key={endpoint.id} projectId={project.id} endpoint={endpoint} />;
}
