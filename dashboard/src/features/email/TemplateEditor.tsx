import { useState, type FormEvent } from 'react';
import { TEMPLATE_NAME_RULES, missingPlaceholders, validateTemplateName, type EmailTemplate } from '@rested/shared';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextAreaField, TextField } from '../../components/Field';
import { formLevelError, serverFieldError } from '../../lib/form-errors';
import { SavedNote } from '../settings/SavedNote';
import { TemplatePreview } from './TemplatePreview';
import { useDeleteTemplate, useSaveTemplate } from './use-email';

const STARTER_TEMPLATE = {
  subject: 'Reset your password',
  html: '<p>Hello {{username}},</p>\n<p><a href="https://your-app.example/reset-password?token={{verificationtoken}}">Choose a new password</a> for {{email}}.</p>\n<p>The link works once, within an hour.</p>',
  text: 'Open https://your-app.example/reset-password?token={{verificationtoken}} to choose a new password for {{email}}.',
};

/** What is missing from html or text, as a sentence; null when both carry the placeholders. */
function placeholderProblem(part: string, value: string): string | null {
  const missing = missingPlaceholders(value);
  return missing.length ? `${part} must contain ${missing.map((m) => `{{${m}}}`).join(' and ')}.` : null;
}

/** Edits one template (`template` null: a new one, named here) with a live preview. */
export function TemplateEditor({ projectId, template, onSaved }: { projectId: string; template: EmailTemplate | null; onSaved: (name: string) => void }) {
  const [name, setName] = useState(template?.name ?? '');
  const [subject, setSubject] = useState(template?.subject ?? STARTER_TEMPLATE.subject);
  const [html, setHtml] = useState(template?.html ?? STARTER_TEMPLATE.html);
  const [text, setText] = useState(template?.text ?? STARTER_TEMPLATE.text);
  const save = useSaveTemplate(projectId);
  const remove = useDeleteTemplate(projectId);
  const nameProblem = template ? null : name && validateTemplateName(name);
  const htmlProblem = placeholderProblem('The HTML', html);
  const textProblem = text ? placeholderProblem('The text', text) : null;
  const edit = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    if (!save.isIdle) save.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name || nameProblem || htmlProblem || textProblem) return;
    save.mutate({ name, input: { subject, html, text: text || null } }, { onSuccess: (saved) => onSaved(saved.name) });
  };

  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-labelledby="template-title">
      <div className="card__head">
        <h2 id="template-title" className="card__title">
          {template ? `Template ${template.name}` : 'New template'}
        </h2>
        <SavedNote show={save.isSuccess} />
      </div>
      <p className="card__intro">
        Use <code>{'{{verificationtoken}}'}</code> (the token, required), <code>{'{{email}}'}</code> (required) and{' '}
        <code>{'{{username}}'}</code>. Values are HTML-escaped in the HTML.
      </p>
      <ErrorAlert error={formLevelError(save.error ?? remove.error, ['name', 'subject', 'html', 'text'])} />
      {template ? null : (
        <TextField label="Name" name="template-name" hint={TEMPLATE_NAME_RULES} value={name} onChange={edit(setName)} error={nameProblem || serverFieldError(save.error, 'name')} />
      )}
      <TextField label="Subject" name="subject" value={subject} onChange={edit(setSubject)} error={serverFieldError(save.error, 'subject')} />
      <TextAreaField label="HTML" name="html" rows={8} className="input--mono" value={html} onChange={edit(setHtml)} error={htmlProblem ?? serverFieldError(save.error, 'html')} />
      <TextAreaField label="Text (optional)" name="text" rows={3} className="input--mono" value={text} onChange={edit(setText)} error={textProblem ?? serverFieldError(save.error, 'text')} />
      <TemplatePreview subject={subject} html={html} />
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={save.isPending || !name}>
          {save.isPending ? 'Saving…' : 'Save template'}
        </button>
        {template ? (
          <button type="button" className="btn btn--danger-ghost" disabled={remove.isPending} onClick={() => remove.mutate(template.name, { onSuccess: () => onSaved('') })}>
            Delete template
          </button>
        ) : null}
      </div>
    </form>
  );
}
