import { useQuery } from '@tanstack/react-query';
import type { Project } from '@rested/shared';
import { getProjectUsage } from '../../api/console';
import { keys } from '../../api/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Status';
import { formatBytes } from '../../lib/format';

const count = (n: number) => n.toLocaleString('en-US');

function UsageRow({ label, used, quota, show }: { label: string; used: number; quota: number; show: (n: number) => string }) {
  return (
    <div className="stack">
      <span>
        {label}: <strong data-testid={`usage-${label.toLowerCase()}`}>{show(used)}</strong> of {show(quota)}
      </span>
      <meter min={0} max={quota} value={used} high={quota * 0.9} aria-label={`${label} used`} />
    </div>
  );
}

/** The project's records and stored bytes against its quotas (GET …/usage). */
export function UsagePanel({ project }: { project: Project }) {
  const usage = useQuery({ queryKey: keys.usage(project.id), queryFn: () => getProjectUsage(project.id) });
  return (
    <section className="card stack" aria-labelledby="usage-title">
      <h2 id="usage-title" className="card__title">
        Usage
      </h2>
      <p className="card__intro">
        What this project stores, against the quotas of this server. Records count its records and end users; storage
        counts their data as JSON.
      </p>
      {usage.isPending ? <Loading /> : null}
      <ErrorAlert error={usage.error} {...(usage.isError ? { onRetry: () => void usage.refetch() } : {})} />
      {usage.data ? (
        <>
          <UsageRow label="Records" used={usage.data.records} quota={usage.data.quotas.records} show={count} />
          <UsageRow label="Storage" used={usage.data.bytes} quota={usage.data.quotas.bytes} show={formatBytes} />
          <p className="card__intro">
            Writes: at most {count(usage.data.quotas.writesPerMinute)} a minute from one client address.
          </p>
        </>
      ) : null}
    </section>
  );
}
