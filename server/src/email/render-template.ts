import { fillTemplate, type Placeholder } from '@rested/shared';

export interface TemplateParts {
  subject: string;
  html: string;
  text: string | null;
}

type PlaceholderValues = Partial<Record<Placeholder, string>>;

/** The message's subject, HTML and text with the placeholders filled (HTML-escaped in the HTML); a subject stays one line. */
export function renderTemplate(template: TemplateParts, values: PlaceholderValues): { subject: string; html: string; text?: string } {
  const subject = fillTemplate(template.subject, values, { html: false }).replace(/[\r\n]+/g, ' ');
  const html = fillTemplate(template.html, values, { html: true });
  return template.text === null ? { subject, html } : { subject, html, text: fillTemplate(template.text, values, { html: false }) };
}
