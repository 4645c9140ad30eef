import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '@rested/shared';
import { Badge } from '../../components/Badge';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/Field';
import { useTemplates } from '../email/use-email';
import { useEndUser, useSendEndUserReset, useUpdateEndUser } from './use-end-user';

interface UserActionsProps {
  projectId: string;
  endpointId: string;
  user: string;
}

/** Disable / enable the user, set their password, mail them a reset link, and open their activity timeline. */
export function UserActions({ projectId, endpointId, user }: UserActionsProps) {
  const info = useEndUser(projectId, endpointId, user);
  const update = useUpdateEndUser(projectId, endpointId, user);
  const disabled = info.data?.disabled ?? false;
  return (
    <div className="stack" data-testid="user-actions">
      <div className="actions">
        <Badge tone={disabled ? 'warn' : 'ok'}>{disabled ? 'disabled' : 'enabled'}</Badge>
        <button type="button" className={disabled ? 'btn' : 'btn btn--danger'} disabled={!info.data || update.isPending}
          onClick={() => update.mutate({ disabled: !disabled })}>
          {disabled ? 'Enable user' : 'Disable user'}
        </button>
        <Link className="btn btn--ghost" to={`/projects/${encodeURIComponent(projectId)}/activity?user=${encodeURIComponent(user)}`}>
          Activity of this user
        </Link>
      </div>
      <ErrorAlert error={info.error ?? update.error} />
      <SetPasswordForm onSet={(password) => update.mutate({ password })} pending={update.isPending} done={update.isSuccess && update.variables.password !== undefined} />
      <SendResetForm projectId={projectId} endpointId={endpointId} user={user} />
    </div>
  );
}

function SetPasswordForm({ onSet, pending, done }: { onSet: (password: string) => void; pending: boolean; done: boolean }) {
  const [password, setPassword] = useState('');
  const short = password.length > 0 && password.length < PASSWORD_MIN_LENGTH;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length >= PASSWORD_MIN_LENGTH) onSet(password);
  };
  return (
    <form className="actions" onSubmit={onSubmit} noValidate>
      <TextField label="New password for this user" name="user-password" type="password" autoComplete="new-password" value={password}
        onChange={(e) => setPassword(e.target.value)} error={short ? `At least ${PASSWORD_MIN_LENGTH} characters.` : null} />
      <button type="submit" className="btn" disabled={pending || password.length < PASSWORD_MIN_LENGTH}>Set password</button>
      <span className="saved" role="status" aria-live="polite">{done ? 'Password set; every session ended ✓' : ''}</span>
    </form>
  );
}

function SendResetForm({ projectId, endpointId, user }: UserActionsProps) {
  const templates = useTemplates(projectId);
  const send = useSendEndUserReset(projectId, endpointId, user);
  const [chosen, setChosen] = useState('');
  const names = (templates.data ?? []).map((t) => t.name);
  const templateName = chosen || names[0] || '';
  if (templates.isSuccess && names.length === 0) return <p className="muted small">Add an email template (Email tab) to send reset emails.</p>;
  return (
    <div className="actions">
      <label className="toolbar__label">
        Reset email template
        <select className="input" value={templateName} onChange={(e) => setChosen(e.target.value)}>
          {names.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      <button type="button" className="btn" disabled={!templateName || send.isPending} onClick={() => send.mutate(templateName)}>
        Send reset email
      </button>
      <span className="saved" role="status" aria-live="polite">{send.isSuccess ? 'Reset email queued ✓' : ''}</span>
      <ErrorAlert error={send.error} title="The reset email was not sent" />
    </div>
  );
}
