import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: string;
}

interface TimeChartProps {
  /** The chart's accessible name, with what it shows in words (charts are images to a screen reader). */
  label: string;
  times: number[];
  series: ChartSeries[];
  unit: string;
}

/** A uPlot line chart over time, as wide as its container; redrawn when its data changes. */
export function TimeChart({ label, times, series, unit }: TimeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const options: uPlot.Options = {
      width: Math.max(el.clientWidth, 280),
      height: 220,
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, spanGaps: false, value: (_u: uPlot, v: number | null) => (v == null ? '–' : `${v} ${unit}`) }))],
      axes: [{}, { size: 56 }],
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      legend: { live: true },
    };
    const chart = new uPlot(options, [times, ...series.map((s) => s.values)], el);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(el.clientWidth, 280), height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [times, series, unit]);
  return <div ref={box} className="time-chart" role="img" aria-label={label} />;
}
