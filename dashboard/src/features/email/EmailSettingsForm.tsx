import { useState, type FormEvent } from 'react';
import type { EmailSettings } from '@rested/shared';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CheckboxField, TextField } from '../../components/Field';
import { formLevelError, serverFieldError } from '../../lib/form-errors';
import { SavedNote } from '../settings/SavedNote';
import { useDeleteEmailSettings, useSaveEmailSettings } from './use-email';

const FIELDS = ['from', 'host', 'port', 'secure', 'user', 'pass'];

/** The project's SMTP server: the password is written, never read back (the form shows whether one is stored). */
export function EmailSettingsForm({ projectId, settings }: { projectId: string; settings: EmailSettings | null }) {
  const [from, setFrom] = useState(settings?.from ?? '');
  const [host, setHost] = useState(settings?.smtp.host ?? '');
  const [port, setPort] = useState(String(settings?.smtp.port ?? 587));
  const [secure, setSecure] = useState(settings?.smtp.secure ?? false);
  const [user, setUser] = useState(settings?.smtp.user ?? '');
  const [pass, setPass] = useState('');
  const save = useSaveEmailSettings(projectId);
  const remove = useDeleteEmailSettings(projectId);
  const touch = () => !save.isIdle && save.reset();
  const field = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    touch();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const smtp = { host: host.trim(), port: Number(port), secure, user: user.trim() || null, ...(pass ? { pass } : {}) };
    save.mutate({ from: from.trim(), smtp }, { onSuccess: () => setPass('') });
  };
  const stored = settings?.hasPassword && !settings.passwordUnreadable;

  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-labelledby="smtp-title">
      <h2 id="smtp-title" className="card__title">
        SMTP server
      </h2>
      <p className="card__intro">Password reset and verification mails of this project leave through this server.</p>
      {settings?.passwordUnreadable ? (
        <p className="note note--warn" role="alert">
          The stored password can no longer be read (the server&apos;s SECRET changed). Enter it again.
        </p>
      ) : null}
      <ErrorAlert error={formLevelError(save.error ?? remove.error, FIELDS)} />
      <TextField label="From" name="from" placeholder="Acme <no-reply@acme.com>" value={from} onChange={field(setFrom)} error={serverFieldError(save.error, 'from')} />
      <div className="smtp-address">
        <TextField label="Host" name="host" placeholder="smtp.example.com" value={host} onChange={field(setHost)} error={serverFieldError(save.error, 'host')} />
        <TextField label="Port" name="port" inputMode="numeric" value={port} onChange={field(setPort)} error={serverFieldError(save.error, 'port')} />
      </div>
      <CheckboxField
        label="TLS from the first byte (port 465)"
        hint="Off: plain connection upgraded with STARTTLS when the server offers it (ports 587, 25)."
        checked={secure}
        onChange={(e) => {
          setSecure(e.target.checked);
          touch();
        }}
      />
      <TextField label="User" name="user" autoComplete="off" value={user} onChange={field(setUser)} error={serverFieldError(save.error, 'user')} />
      <TextField
        label="Password"
        name="pass"
        type="password"
        autoComplete="new-password"
        placeholder={stored ? 'Stored (encrypted): leave empty to keep it' : ''}
        hint="Stored encrypted with a key derived from the server's SECRET; never shown again."
        value={pass}
        onChange={field(setPass)}
        error={serverFieldError(save.error, 'pass')}
      />
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save email settings'}
        </button>
        {settings ? (
          <button type="button" className="btn btn--danger-ghost" disabled={remove.isPending} onClick={() => remove.mutate()}>
            Remove settings
          </button>
        ) : null}
        <SavedNote show={save.isSuccess} />
      </div>
    </form>
  );
}
