const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export const TTL_UNITS = [
  { unit: 'days', seconds: 86_400 },
  { unit: 'hours', seconds: 3_600 },
  { unit: 'minutes', seconds: 60 },
] as const;
export type TtlUnit = (typeof TTL_UNITS)[number]['unit'];

/** Split a lifetime in seconds into the largest unit that divides it evenly. */
export function splitTtl(seconds: number): { value: string; unit: TtlUnit } {
  for (const { unit, seconds: size } of TTL_UNITS) {
    if (seconds % size === 0) return { value: String(seconds / size), unit };
  }
  return { value: String(Math.round(seconds / 60)), unit: 'minutes' };
}

export function ttlSeconds(value: string, unit: TtlUnit): number {
  const size = TTL_UNITS.find((u) => u.unit === unit)?.seconds ?? 1;
  return Number(value) * size;
}

export function formatTtl(seconds: number): string {
  const { value, unit } = splitTtl(seconds);
  return `${value} ${value === '1' ? unit.slice(0, -1) : unit}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

export { formatBytes } from '@rested/shared';
