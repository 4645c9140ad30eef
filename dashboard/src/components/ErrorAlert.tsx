import { isApiError } from '../api/client';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** A readable message for an API envelope (or any thrown error), with the request id for support. */
export function ErrorAlert({ error, title, onRetry }: ErrorAlertProps) {
  if (!error) return null;
  const api = isApiError(error) ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="alert alert--error" role="alert">
      <div className="alert__body">
        {title ? <p className="alert__title">{title}</p> : null}
        <p>{message}</p>
        {api && api.code > 0 ? (
          <p className="alert__meta">
            {api.code} {api.status} · <code>{api.reason}</code>
            {api.request ? (
              <>
                {' '}
                · request <code>{api.request}</code>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      {onRetry ? (
        <button type="button" className="btn btn--small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
