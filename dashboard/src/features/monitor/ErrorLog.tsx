import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Project, RequestErrorEntry } from '@rested/shared';
import { listRequestErrors } from '../../api/traffic';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState, Loading } from '../../components/Status';
import { formatDate } from '../../lib/format';
import { AddOriginButton } from './AddOriginButton';
import { reasonHelp } from './reasons';

const FIX_LINKS = {
  origins: { hash: 'origins-title', label: 'Origin settings' },
  keys: { hash: 'api-key-title', label: 'API and master keys' },
  endpoints: { hash: '', label: 'Endpoints' },
} as const;

function Fix({ project, entry }: { project: Project; entry: RequestErrorEntry }) {
  const { fix } = reasonHelp(entry.reason);
  if (!fix) return null;
  const base = `/projects/${encodeURIComponent(project.id)}`;
  const link = FIX_LINKS[fix];
  const to = fix === 'endpoints' ? base : `${base}/settings#${link.hash}`;
  return (
    <span className="error-log__fix">
      <Link to={to}>{link.label}</Link>
      {entry.reason === 'origin_not_allowed' && entry.origin ? <AddOriginButton project={project} origin={entry.origin} /> : null}
    </span>
  );
}

function ErrorRow({ project, entry }: { project: Project; entry: RequestErrorEntry }) {
  return (
    <tr>
      <td>{formatDate(entry.at)}</td>
      <td><code>{entry.method}</code> <code>{entry.endpoint}</code></td>
      <td>{entry.status} <code>{entry.reason}</code></td>
      <td>{entry.origin || <span className="muted">none</span>}</td>
      <td>
        <p className="error-log__explain">{reasonHelp(entry.reason).explain}</p>
        <Fix project={project} entry={entry} />
        <details><summary>Request id</summary><code>{entry.requestId}</code></details>
      </td>
    </tr>
  );
}

const distinct = (values: string[]) => [...new Set(values)].sort();

function Select({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (v: string) => void }) {
  return (
    <label className="field field--inline">
      <span className="field__label">{label}</span>
      <select className="input" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    </label>
  );
}

/** The project's last errors, filterable by reason and endpoint, each explained with its fix. */
export function ErrorLog({ project, refetchMs }: { project: Project; refetchMs: number }) {
  const [filter, setFilter] = useState({ reason: '', endpoint: '' });
  const all = useQuery({ queryKey: ['request-errors', project.id, '', ''], queryFn: () => listRequestErrors(project.id, { reason: '', endpoint: '' }), refetchInterval: refetchMs });
  const filtered = useQuery({
    queryKey: ['request-errors', project.id, filter.reason, filter.endpoint],
    queryFn: () => listRequestErrors(project.id, filter),
    refetchInterval: refetchMs,
  });
  const entries = all.data?.errors ?? [];
  return (
    <section className="card stack" aria-labelledby="error-log-title">
      <h2 id="error-log-title" className="card__title">Last errors</h2>
      <div className="error-log__filters">
        <Select label="Reason" value={filter.reason} options={distinct(entries.map((e) => e.reason))} onChange={(reason) => setFilter({ ...filter, reason })} />
        <Select label="Endpoint" value={filter.endpoint} options={distinct(entries.map((e) => e.endpoint))} onChange={(endpoint) => setFilter({ ...filter, endpoint })} />
      </div>
      {filtered.isPending ? <Loading label="Loading errors…" /> : null}
      {filtered.isError ? <ErrorAlert error={filtered.error} title="Could not load the errors" onRetry={() => void filtered.refetch()} /> : null}
      {filtered.data && filtered.data.errors.length === 0 ? <EmptyState title="No errors">Refused and failed requests show up here within seconds.</EmptyState> : null}
      {filtered.data && filtered.data.errors.length > 0 ? (
        <div className="table-wrap">
          <table className="table error-log">
            <thead><tr><th>Time</th><th>Request</th><th>Answer</th><th>Origin</th><th>What it means</th></tr></thead>
            <tbody>{filtered.data.errors.map((e) => <ErrorRow key={e.requestId + e.at} project={project} entry={e} />)}</tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
