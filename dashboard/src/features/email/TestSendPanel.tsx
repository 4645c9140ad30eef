import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/Field';
import { useSendTestEmail } from './use-email';

/** Sends a test message now; a failure shows the SMTP server's own reply. */
export function TestSendPanel({ projectId, ownerEmail }: { projectId: string; ownerEmail: string }) {
  const [to, setTo] = useState(ownerEmail);
  const send = useSendTestEmail(projectId);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate(to.trim());
  };
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-labelledby="test-send-title">
      <h2 id="test-send-title" className="card__title">
        Send a test email
      </h2>
      <ErrorAlert error={send.error} title="The test email was not delivered" />
      <TextField label="To" name="to" type="email" value={to} onChange={(e) => setTo(e.target.value)} />
      <div className="actions">
        <button type="submit" className="btn" disabled={send.isPending}>
          {send.isPending ? 'Sending…' : 'Send test email'}
        </button>
        <span className="saved" role="status" aria-live="polite">
          {send.isSuccess ? `Delivered to ${send.data.to} ✓` : ''}
        </span>
      </div>
    </form>
  );
}
