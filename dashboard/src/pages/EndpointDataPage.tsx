import { RecordsBrowser } from '../features/records/RecordsBrowser';
import { useEndpointContext } from '../lib/outlet-context';
import { useDocumentTitle } from '../lib/use-document-title';

export function EndpointDataPage() {
  const { project, endpoint } = useEndpointContext();
  useDocumentTitle(`${endpoint.name} · ${endpoint.auth ? 'Users' : 'Data'}`);
  return <RecordsBrowser key={endpoint.id} projectId={project.id} endpoint={endpoint} />;
}
