import { useQuery } from '@tanstack/react-query';
import type { Project } from '@rested/shared';
import { getProjectUsage } from '../../api/console';
import { keys } from '../../api/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Status';

const count = (n: number) => n.toLocaleString('en-US');

/** Bytes in the largest unit that keeps at least 1 (KiB, MiB, GiB), one decimal. */
function size(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

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
          <UsageRow label="Storage" used={usage.data.bytes} quota={usage.data.quotas.bytes} show={size} />
          <p className="card__intro">
            Writes: at most {count(usage.data.quotas.writesPerMinute)} a minute from one client address.
          </p>
        </>
      ) : null}
    </section>
  );
}
