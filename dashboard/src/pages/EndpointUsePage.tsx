import { UsePanel } from '../features/snippets/UsePanel';
import { useEndpointContext } from '../lib/outlet-context';
import { useDocumentTitle } from '../lib/use-document-title';

export function EndpointUsePage() {
  const { project, endpoint } = useEndpointContext();
  useDocumentTitle(`${endpoint.name} · Use it`);
  return <UsePanel project={project} endpoint={endpoint} />;
}
