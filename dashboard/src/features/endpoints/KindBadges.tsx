import type { Endpoint } from '@rested/shared';
import { Badge } from '../../components/Badge';

export function KindBadges({ endpoint }: { endpoint: Pick<Endpoint, 'auth' | 'files' | 'secure'> }) {
  if (endpoint.auth) {
    return (
      <span className="badges">
        <Badge tone="auth" title="Authentication endpoint: stores your app's users">
          auth
        </Badge>
      </span>
    );
  }
  return (
    <span className="badges">
      {endpoint.files ? (
        <Badge tone="data" title="File endpoint: stores files">
          files
        </Badge>
      ) : (
        <Badge tone="data" title="Data endpoint: stores JSON records">
          data
        </Badge>
      )}
      {endpoint.secure ? (
        <Badge tone="secure" title="Secure: needs a user's access token">
          secure
        </Badge>
      ) : null}
    </span>
  );
}
