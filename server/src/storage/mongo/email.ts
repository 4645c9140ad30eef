import type { EmailSettingsRow, EmailTemplateRow } from '../email-rows.js';
import type { EmailStore } from '../email-storage.js';
import { AFTER_UPDATE, type MongoContext } from './context.js';
import type { EmailSettingsDoc, EmailTemplateDoc } from './documents.js';
import { mapOrNull } from './mapping.js';

export const toSettings = ({ _id, ...rest }: EmailSettingsDoc): EmailSettingsRow => ({ projectId: _id, ...rest, user: rest.user ?? null, passwordSealed: rest.passwordSealed ?? null });
export const toTemplate = ({ _id, ...rest }: EmailTemplateDoc): EmailTemplateRow => ({ ...rest, text: rest.text ?? null });
export const templateId = (projectId: string, name: string) => `${projectId}/${name}`;
const UPSERT = { ...AFTER_UPDATE, upsert: true } as const;

export function emailStore({ models: { emailSettings, emailTemplates }, now }: MongoContext): EmailStore {
  return {
    async findEmailSettings(projectId) {
      return mapOrNull(await emailSettings.findOne({ _id: projectId }).lean<EmailSettingsDoc>(), toSettings);
    },
    async saveEmailSettings({ projectId, ...fields }) {
      const doc = await emailSettings.findOneAndUpdate({ _id: projectId }, { $set: { ...fields, updatedAt: now() } }, UPSERT).lean<EmailSettingsDoc>();
      return toSettings(doc!);
    },
    async deleteEmailSettings(projectId) {
      return (await emailSettings.deleteOne({ _id: projectId })).deletedCount > 0;
    },
    async findEmailTemplate(projectId, name) {
      return mapOrNull(await emailTemplates.findOne({ _id: templateId(projectId, name) }).lean<EmailTemplateDoc>(), toTemplate);
    },
    async listEmailTemplates(projectId) {
      return (await emailTemplates.find({ projectId }).sort({ name: 1 }).lean<EmailTemplateDoc[]>()).map(toTemplate);
    },
    async saveEmailTemplate(input) {
      const t = now();
      const doc = await emailTemplates.findOneAndUpdate(
        { _id: templateId(input.projectId, input.name) },
        { $set: { subject: input.subject, html: input.html, text: input.text, updatedAt: t }, $setOnInsert: { projectId: input.projectId, name: input.name, createdAt: t } },
        UPSERT,
      ).lean<EmailTemplateDoc>();
      return toTemplate(doc!);
    },
    async deleteEmailTemplate(projectId, name) {
      return (await emailTemplates.deleteOne({ _id: templateId(projectId, name) })).deletedCount > 0;
    },
  };
}
