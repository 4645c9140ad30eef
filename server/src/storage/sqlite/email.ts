import type { EmailSettingsRow, EmailTemplateRow } from '../email-rows.js';
import type { EmailStore } from '../email-storage.js';
import { changes, many, one, type SqliteContext } from './context.js';

type Raw = Record<string, unknown>;

export const toSettings = (r: Raw): EmailSettingsRow => ({
  projectId: r.project_id as string,
  from: r.sender as string,
  host: r.host as string,
  port: r.port as number,
  secure: r.secure === 1,
  user: (r.user as string | null) ?? null,
  passwordSealed: (r.password_sealed as string | null) ?? null,
  updatedAt: new Date(r.updated_at as number),
});

export const toTemplate = (r: Raw): EmailTemplateRow => ({
  projectId: r.project_id as string,
  name: r.name as string,
  subject: r.subject as string,
  html: r.html as string,
  text: (r.text as string | null) ?? null,
  createdAt: new Date(r.created_at as number),
  updatedAt: new Date(r.updated_at as number),
});

export function emailStore(ctx: SqliteContext): EmailStore {
  const findSettings = (projectId: string) => one(ctx, toSettings, 'SELECT * FROM email_settings WHERE project_id = ?', projectId);
  const findTemplate = (projectId: string, name: string) =>
    one(ctx, toTemplate, 'SELECT * FROM email_templates WHERE project_id = ? AND name = ?', projectId, name);

  return {
    async findEmailSettings(projectId) {
      return findSettings(projectId);
    },
    async saveEmailSettings(input) {
      await ctx.write(() =>
        ctx.prepare(`INSERT INTO email_settings (project_id, sender, host, port, secure, user, password_sealed, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (project_id) DO UPDATE SET sender = excluded.sender, host = excluded.host, port = excluded.port,
              secure = excluded.secure, user = excluded.user, password_sealed = excluded.password_sealed, updated_at = excluded.updated_at`)
          .run(input.projectId, input.from, input.host, input.port, input.secure ? 1 : 0, input.user, input.passwordSealed, ctx.now()),
      );
      return findSettings(input.projectId)!;
    },
    async deleteEmailSettings(projectId) {
      return (await changes(ctx, 'DELETE FROM email_settings WHERE project_id = ?', projectId)) > 0;
    },
    async findEmailTemplate(projectId, name) {
      return findTemplate(projectId, name);
    },
    async listEmailTemplates(projectId) {
      return many(ctx, toTemplate, 'SELECT * FROM email_templates WHERE project_id = ? ORDER BY name', projectId);
    },
    async saveEmailTemplate(input) {
      const now = ctx.now();
      await ctx.write(() =>
        ctx.prepare(`INSERT INTO email_templates (project_id, name, subject, html, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (project_id, name) DO UPDATE SET subject = excluded.subject, html = excluded.html, text = excluded.text,
              updated_at = excluded.updated_at`)
          .run(input.projectId, input.name, input.subject, input.html, input.text, now, now),
      );
      return findTemplate(input.projectId, input.name)!;
    },
    async deleteEmailTemplate(projectId, name) {
      return (await changes(ctx, 'DELETE FROM email_templates WHERE project_id = ? AND name = ?', projectId, name)) > 0;
    },
  };
}
