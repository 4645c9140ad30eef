import { useState } from 'react';
import type { Project } from '@rested/shared';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCreateMasterKey, useDeleteMasterKey } from '../projects/use-projects';
import { MasterKeyReveal } from './MasterKeyReveal';

type Confirming = 'replace' | 'delete' | null;

export function MasterKeyPanel({ project }: { project: Project }) {
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  const create = useCreateMasterKey(project.id);
  const remove = useDeleteMasterKey(project.id);

  const close = () => {
    setConfirming(null);
    remove.reset();
  };
  const doCreate = () =>
    create.mutate(undefined, {
      onSuccess: ({ masterKey }) => {
        setRevealed(masterKey);
        setConfirming(null);
      },
    });

  return (
    <section className="card stack" aria-labelledby="master-key-title">
      <div className="card__head">
        <h2 id="master-key-title" className="card__title">
          Master key
        </h2>
        <Badge tone={project.hasMasterKey ? 'warn' : 'neutral'}>{project.hasMasterKey ? 'set' : 'not set'}</Badge>
      </div>
      <p className="card__intro">
        For your servers and scripts: it bypasses access tokens, ownership rules and origin checks. Send it as the{' '}
        <code>X-Master-Key</code> header.
      </p>
      {revealed ? <MasterKeyReveal masterKey={revealed} onDone={() => setRevealed(null)} /> : null}
      {confirming === null ? <ErrorAlert error={create.error} /> : null}
      <div className="actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={create.isPending}
          onClick={() => (project.hasMasterKey ? setConfirming('replace') : doCreate())}
        >
          {create.isPending ? 'Creating…' : project.hasMasterKey ? 'Replace master key' : 'Create master key'}
        </button>
        {project.hasMasterKey ? (
          <button type="button" className="btn btn--danger-ghost" onClick={() => setConfirming('delete')}>
            Delete master key
          </button>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming === 'replace'}
        title="Replace the master key?"
        confirmLabel="Create new master key"
        danger
        pending={create.isPending}
        error={create.error}
        onCancel={() => setConfirming(null)}
        onConfirm={doCreate}
      >
        <p>A new master key is created and the current one stops working at once.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'delete'}
        title="Delete the master key?"
        confirmLabel="Delete key"
        danger
        pending={remove.isPending}
        error={remove.error}
        onCancel={close}
        onConfirm={() => remove.mutate(undefined, { onSuccess: close })}
      >
        <p>Scripts and servers using it will stop working at once. You can create a new one later.</p>
      </ConfirmDialog>
    </section>
  );
}
