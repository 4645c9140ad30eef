import { useState } from 'react';
import type { Project } from '@rested/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { useRotateApiKey } from '../projects/use-projects';

export function ApiKeyPanel({ project }: { project: Project }) {
  const [confirming, setConfirming] = useState(false);
  const [rotated, setRotated] = useState(false);
  const rotate = useRotateApiKey(project.id);
  const close = () => {
    setConfirming(false);
    rotate.reset();
  };
  return (
    <section className="card stack" aria-labelledby="api-key-title">
      <h2 id="api-key-title" className="card__title">
        API key
      </h2>
      <p className="card__intro">
        Every call to this project&apos;s endpoints carries it as <code>?key=…</code>. It identifies the project; it is
        not a secret from your users (it ships in your app).
      </p>
      <div className="keybox">
        <code className="keybox__value" data-testid="api-key" aria-label="API key">
          {project.apiKey}
        </code>
        <CopyButton text={project.apiKey} label="Copy API key" />
      </div>
      <div className="actions">
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          Rotate API key
        </button>
        <span role="status" className="saved">
          {rotated ? 'New key in place ✓' : ''}
        </span>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Rotate the API key?"
        confirmLabel="Rotate key"
        danger
        pending={rotate.isPending}
        error={rotate.error}
        onCancel={close}
        onConfirm={() =>
          rotate.mutate(undefined, {
            onSuccess: () => {
              setRotated(true);
              close();
            },
          })
        }
      >
        <p>
          A new key is created and <strong>the old key stops working at once</strong>: every app still using it gets
          errors until you update it with the new key.
        </p>
      </ConfirmDialog>
    </section>
  );
}
