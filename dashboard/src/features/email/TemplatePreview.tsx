import { fillTemplate } from '@rested/shared';

/** Sample values for the preview; the real ones are filled in by the server, HTML-escaped. */
export const SAMPLE_VALUES = { verificationtoken: 'SAMPLE-TOKEN-FROM-THE-SERVER', email: 'ada@example.com', username: 'ada' };

/**
 * The template's HTML as a mail client would show it, in a sandboxed iframe (no scripts, no
 * same-origin access, no forms): the owner's HTML never runs in the dashboard's origin.
 */
export function TemplatePreview({ subject, html }: { subject: string; html: string }) {
  return (
    <div className="field">
      <span className="field__label">Preview</span>
      <p className="field__hint" data-testid="preview-subject">
        Subject: {fillTemplate(subject, SAMPLE_VALUES, { html: false })}
      </p>
      <iframe
        title="Email preview"
        sandbox=""
        className="email-preview"
        data-testid="email-preview"
        srcDoc={fillTemplate(html, SAMPLE_VALUES, { html: true })}
      />
    </div>
  );
}
