import { useMemo } from 'react';
import type { TrafficSeries } from '@rested/shared';
import { TimeChart, type ChartSeries } from './TimeChart';

const REASON_COLORS = ['#d97706', '#c026d3', '#0891b2', '#65a30d', '#9333ea'];
const MOST_REASONS = 5;

const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** 2xx, 4xx by reason (the five most frequent, the rest together), 5xx. */
function outcomeSeries(t: TrafficSeries): ChartSeries[] {
  const reasons = Object.entries(t.clientErrors).sort((a, b) => total(b[1]) - total(a[1]));
  const shown = reasons.slice(0, MOST_REASONS);
  const rest = reasons.slice(MOST_REASONS);
  const series: ChartSeries[] = [{ label: '2xx', values: t.ok, color: '#16a34a' }];
  shown.forEach(([reason, values], i) => series.push({ label: `4xx ${reason}`, values, color: REASON_COLORS[i]! }));
  if (rest.length > 0) series.push({ label: '4xx other', values: t.times.map((_, i) => total(rest.map(([, v]) => v[i]!))), color: '#6b7280' });
  series.push({ label: '5xx', values: t.serverErrors, color: '#dc2626' });
  return series;
}

const stepWords = (seconds: number) => (seconds === 60 ? 'minute' : seconds === 600 ? '10 minutes' : 'hour');

export function TrafficCharts({ traffic }: { traffic: TrafficSeries }) {
  const outcomes = useMemo(() => outcomeSeries(traffic), [traffic]);
  const latency = useMemo<ChartSeries[]>(() => [
    { label: 'p50', values: traffic.p50Ms, color: '#2563eb' },
    { label: 'p99', values: traffic.p99Ms, color: '#7c3aed' },
  ], [traffic]);
  const { totals } = traffic;
  const per = stepWords(traffic.stepSeconds);
  return (
    <div className="stack">
      <p className="monitor__totals" data-testid="traffic-totals">
        <strong>{totals.requests}</strong> requests: {totals.ok} succeeded, {totals.clientErrors} refused (4xx), {totals.serverErrors} failed (5xx).
      </p>
      <section className="card" aria-labelledby="requests-chart-title">
        <h2 id="requests-chart-title" className="card__title">Requests per {per}</h2>
        <TimeChart
          label={`Requests per ${per} by outcome: ${totals.ok} 2xx, ${totals.clientErrors} 4xx, ${totals.serverErrors} 5xx in all`}
          times={traffic.times}
          series={outcomes}
          unit="requests"
        />
      </section>
      <section className="card" aria-labelledby="latency-chart-title">
        <h2 id="latency-chart-title" className="card__title">Latency per {per}</h2>
        <TimeChart label={`Latency p50 and p99 per ${per}, in milliseconds`} times={traffic.times} series={latency} unit="ms" />
      </section>
    </div>
  );
}
