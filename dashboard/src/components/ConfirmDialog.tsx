import { useState, type FormEvent, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ErrorAlert } from './ErrorAlert';
import { TextField } from './Field';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
  pending?: boolean;
  error?: unknown;
  /** When set, the user must type this text before the confirm button enables. */
  typeToConfirm?: string;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  // Remount the body each time it opens so the typed text starts empty.
  return props.open ? <ConfirmDialogBody {...props} /> : null;
}

function ConfirmDialogBody({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  danger = false,
  pending = false,
  error,
  typeToConfirm,
}: ConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  const matches = typeToConfirm === undefined || typed === typeToConfirm;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (matches && !pending) onConfirm();
  };
  return (
    <Dialog open title={title} onClose={onCancel}>
      <form onSubmit={submit} className="stack">
        <div className="prose">{children}</div>
        {typeToConfirm !== undefined ? (
          <TextField
            label={
              <>
                Type <code className="mono">{typeToConfirm}</code> to confirm
              </>
            }
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
        ) : null}
        <ErrorAlert error={error} />
        <div className="actions actions--end">
          <button type="button" className="btn" onClick={onCancel} data-autofocus={typeToConfirm === undefined ? true : undefined}>
            Cancel
          </button>
          <button type="submit" className={`btn ${danger ? 'btn--danger' : 'btn--primary'}`} disabled={!matches || pending}>
            {pending ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
