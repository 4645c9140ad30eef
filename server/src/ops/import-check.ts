import type { OwnerRow, ProjectRow } from '../storage/rows.js';
import type { Storage } from '../storage/storage.js';
import { CliError } from './command.js';
import { exportItems, type ExportHeader } from './export-format.js';

/** What the check of a whole file found: its header and, in a project's export, the owner and project rows. */
export interface CheckedFile {
  header: ExportHeader;
  owner?: OwnerRow;
  project?: ProjectRow;
}

/**
 * Reads and checks a whole export file (export-format.ts) before anything is written: a file
 * that is cut, edited or out of order is refused whole.
 */
export async function checkExportFile(file: string): Promise<CheckedFile> {
  const checked: Partial<CheckedFile> = {};
  for await (const item of exportItems(file, (header) => (checked.header = header))) {
    if (checked.header!.project === null || !('kind' in item)) continue;
    if (item.kind === 'owners') checked.owner = item.row as OwnerRow;
    if (item.kind === 'projects') checked.project = item.row as ProjectRow;
  }
  return checked as CheckedFile;
}

/**
 * A project's export goes into an install that does not hold that project yet, or holds the
 * very project a previous import of it wrote (same owner, API key and signing secret), and whose
 * owner of that id, if any, is the file's. So a file cannot add endpoints or records to someone
 * else's project, nor a project to someone else's account.
 */
export async function refuseForeignProject(storage: Storage, { header, owner, project }: CheckedFile): Promise<void> {
  if (header.project === null || !owner || !project) return;
  const stored = await storage.findProjectById(project.id);
  if (stored && (stored.ownerId !== project.ownerId || stored.apiKey !== project.apiKey || stored.jwtSecret !== project.jwtSecret)) {
    throw new CliError(`this install holds another project with the id ${project.id}: nothing was imported`);
  }
  const storedOwner = await storage.findOwnerById(owner.id);
  if (storedOwner && (storedOwner.email !== owner.email || storedOwner.passwordHash !== owner.passwordHash)) {
    throw new CliError(`this install holds another owner with the id ${owner.id}: nothing was imported`);
  }
}
