import { Outlet, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Status';
import { TabLinks } from '../components/Tabs';
import { KindBadges } from '../features/endpoints/KindBadges';
import { useEndpoint } from '../features/endpoints/use-endpoints';
import { plural } from '../lib/format';
import { useProjectContext, type EndpointContext } from '../lib/outlet-context';

export function EndpointLayout() {
  const { project } = useProjectContext();
  const endpointId = useParams().endpointId ?? '';
  const endpoint = useEndpoint(project.id, endpointId);
  const projectPath = `/projects/${encodeURIComponent(project.id)}`;
  const base = `${projectPath}/endpoints/${encodeURIComponent(endpointId)}`;
  const crumbs = [
    { label: 'Projects', to: '/projects' },
    { label: project.name, to: projectPath },
  ];

  if (endpoint.isPending) return <Loading label="Loading endpoint…" />;
  if (endpoint.isError) {
    const missing = isApiError(endpoint.error) && endpoint.error.code === 404;
    return (
      <div className="page">
        <Breadcrumbs items={[...crumbs, { label: 'Not found' }]} />
        <ErrorAlert
          error={endpoint.error}
          title={missing ? 'This endpoint does not exist (any more).' : 'Could not load the endpoint'}
          {...(missing ? {} : { onRetry: () => void endpoint.refetch() })}
        />
      </div>
    );
  }
  const e = endpoint.data;
  const context: EndpointContext = { project, endpoint: e };
  return (
    <div className="page">
      <Breadcrumbs items={[...crumbs, { label: e.name, to: base }]} />
      <header className="page__header">
        <div>
          <h1 className="page__title mono">{e.name}</h1>
          <p className="page__subtitle">
            <KindBadges endpoint={e} /> {e.auth ? plural(e.recordCount, 'user') : plural(e.recordCount, 'record')}
            {e.description ? ` · ${e.description}` : ''}
          </p>
        </div>
      </header>
      <TabLinks
        label="Endpoint sections"
        tabs={[
          { to: base, label: e.auth ? 'Users' : e.files ? 'Files' : 'Data', end: true },
          { to: `${base}/use`, label: 'Use it' },
          { to: `${base}/settings`, label: 'Settings' },
        ]}
      />
      <Outlet context={context} />
    </div>
  );
}
