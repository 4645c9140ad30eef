import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { TrafficRange } from '@rested/shared';
import { getTraffic } from '../api/traffic';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Status';
import { ErrorLog } from '../features/monitor/ErrorLog';
import { TrafficCharts } from '../features/monitor/TrafficCharts';
import { useProjectContext } from '../lib/outlet-context';
import { useDocumentTitle } from '../lib/use-document-title';

const RANGES: Array<{ range: TrafficRange; label: string; refetchMs: number }> = [
  { range: 'hour', label: 'Last hour', refetchMs: 10_000 },
  { range: 'day', label: 'Last day', refetchMs: 60_000 },
  { range: 'week', label: 'Last week', refetchMs: 300_000 },
];

/** Traffic of the project's runtime API: requests by outcome, latency, and the last errors; refreshed while open. */
export function ProjectMonitorPage() {
  const { project } = useProjectContext();
  useDocumentTitle(`${project.name} · Monitor`);
  const [range, setRange] = useState<TrafficRange>('hour');
  const { refetchMs } = RANGES.find((r) => r.range === range)!;
  const traffic = useQuery({ queryKey: ['traffic', project.id, range], queryFn: () => getTraffic(project.id, range), refetchInterval: refetchMs });
  return (
    <div className="stack monitor">
      <div className="segmented" role="group" aria-label="Time range">
        {RANGES.map((r) => (
          <button key={r.range} type="button" className={`btn btn--small${r.range === range ? ' btn--primary' : ''}`} aria-pressed={r.range === range} onClick={() => setRange(r.range)}>
            {r.label}
          </button>
        ))}
      </div>
      {traffic.isPending ? <Loading label="Loading traffic…" /> : null}
      {traffic.isError ? <ErrorAlert error={traffic.error} title="Could not load the traffic" onRetry={() => void traffic.refetch()} /> : null}
      {traffic.data ? <TrafficCharts traffic={traffic.data} /> : null}
      <ErrorLog project={project} refetchMs={10_000} />
    </div>
  );
}
