import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Status';
import { TemplateEditor } from './TemplateEditor';
import { useTemplates } from './use-email';

const NEW = '';

/** The project's templates: pick one to edit, or start a new one. */
export function TemplatesPanel({ projectId }: { projectId: string }) {
  const templates = useTemplates(projectId);
  const [selected, setSelected] = useState<string | null>(null);
  if (templates.isPending) return <Loading label="Loading templates…" />;
  if (templates.isError) return <ErrorAlert error={templates.error} onRetry={() => void templates.refetch()} />;
  const list = templates.data;
  const current = selected ?? list[0]?.name ?? NEW;
  const template = list.find((t) => t.name === current) ?? null;
  return (
    <section className="stack" aria-labelledby="templates-title">
      <div className="section-head">
        <h2 id="templates-title" className="section-title">
          Templates
        </h2>
        <div className="segmented" role="group" aria-label="Templates">
          {list.map((t) => (
            <button key={t.name} type="button" className={`segmented__option${t.name === current ? ' segmented__option--on' : ''}`} aria-pressed={t.name === current} onClick={() => setSelected(t.name)}>
              {t.name}
            </button>
          ))}
          <button type="button" className={`segmented__option${current === NEW ? ' segmented__option--on' : ''}`} aria-pressed={current === NEW} onClick={() => setSelected(NEW)}>
            + New template
          </button>
        </div>
      </div>
      <TemplateEditor key={current || 'new'} projectId={projectId} template={template} onSaved={(name) => setSelected(name)} />
    </section>
  );
}
