import { formatDate } from '../lib/format';
import { formatRelative } from '../lib/relative-time';

/** "3 hours ago", with the date and time on hover and for machines (<time dateTime>). */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDate(iso)}>
      {formatRelative(iso)}
    </time>
  );
}
