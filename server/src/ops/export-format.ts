import type { TransferKind } from '../storage/storage.js';
import { CliError } from './command.js';
import { Checksums, KINDS, kindSpec, reviveRow, type Counts } from './kinds.js';
import { FileSection, type FilesTrailer } from './export-files.js';
import type { FileEntry } from './files.js';
import { readJsonLines } from './lines.js';
import { ProjectScope } from './project-scope.js';

/*
 * The export format (docs/backups.md, "Export format"): JSON Lines. A header line, then one line
 * per row, {"kind": …, "row": …}, kinds in the order of KINDS, rows in key order; then a trailer
 * with the counts and SHA-256 checksums of each kind, so a cut or edited file is refused whole.
 * Files' bytes follow the rows (export-files.ts).
 * A project's export is also held to that project (project-scope.ts).
 */

export const FORMAT = 'rested-export';
export const VERSION = 1;

export interface ExportHeader {
  format: typeof FORMAT;
  version: typeof VERSION;
  createdAt: string;
  /** The project exported, or null for the whole install. */
  project: string | null;
}

export interface ExportTrailer {
  end: { counts: Counts; checksums: Record<TransferKind, string>; files?: FilesTrailer };
}

interface ExportLine {
  kind: TransferKind;
  row: Record<string, unknown>;
}

/** What an export file holds, in order: rows (dates revived), then each file and its bytes. */
export type ImportItem = { kind: TransferKind; row: object } | { file: FileEntry } | { bytes: Buffer };

/** The items of an export file in order, each checked; the trailer checked at the end. */
export async function* exportItems(file: string, onHeader: (header: ExportHeader) => void = () => undefined): AsyncGenerator<ImportItem> {
  const reader = new ExportReader(file);
  for await (const { value, line } of readJsonLines(file)) {
    const item = reader.read(value, `${file} line ${line}`);
    if (item === 'header') onHeader(reader.header!);
    else if (item) yield item;
  }
  reader.finish();
}

/** Reads the lines of an export file one by one, checking each against what came before. */
class ExportReader {
  header: ExportHeader | undefined;
  private trailer: ExportTrailer | undefined;
  private scope: ProjectScope | null = null;
  private order = 0;
  private readonly sums = new Checksums();
  private readonly files: FileSection;

  constructor(private readonly file: string) {
    this.files = new FileSection(file);
  }

  read(value: unknown, at: string): ImportItem | 'header' | null {
    if (this.trailer) throw new CliError(`${at}: nothing may follow the end line`);
    if (!this.header) {
      this.header = asHeader(value, at);
      this.scope = this.header.project === null ? null : new ProjectScope(this.header.project);
      return 'header';
    }
    if (isObject(value) && 'end' in value) {
      this.trailer = value as unknown as ExportTrailer;
      return null;
    }
    if (isObject(value) && 'file' in value) return { file: this.fileLine(value.file, at) };
    if (isObject(value) && 'bytes' in value) return { bytes: this.files.bytes(value.bytes, at) };
    return this.row(value, at);
  }

  finish(): void {
    if (!this.header) throw new CliError(`${this.file} is empty`);
    if (!this.trailer) throw new CliError(`${this.file} ends before its end line: it was cut short`);
    checkTrailer(this.file, this.trailer, this.sums);
    this.files.end(this.trailer.end?.files);
  }

  private row(value: unknown, at: string): ImportItem {
    if (this.files.started) throw new CliError(`${at}: rows must come before the files`);
    const { kind, row } = asLine(value, at);
    const index = KINDS.findIndex((spec) => spec.kind === kind);
    if (index < this.order) throw new CliError(`${at}: ${kind} must come before ${KINDS[this.order]!.kind}`);
    this.order = index;
    const revived = reviveRow(kindSpec(kind)!, row);
    if (!revived) throw new CliError(`${at}: the ${kind} row has no key or a date that is not a valid time`);
    const outOfScope = this.scope?.problem(kind, row);
    if (outOfScope) throw new CliError(`${at}: ${outOfScope}`);
    this.sums.add(kind, row);
    return { kind, row: revived };
  }

  private fileLine(value: unknown, at: string): FileEntry {
    const entry = this.files.open(value, at);
    const outOfScope = this.scope?.problem('records', { projectId: entry.key.projectId, endpointId: entry.key.endpointId, creatorId: null });
    if (outOfScope) throw new CliError(`${at}: ${outOfScope}`);
    return entry;
  }
}

function asHeader(value: unknown, at: string): ExportHeader {
  if (!isObject(value) || value.format !== FORMAT) throw new CliError(`${at}: not a rested export (its first line names no "${FORMAT}" format)`);
  if (value.version !== VERSION) throw new CliError(`${at}: export format version ${String(value.version)}; this rested reads version ${VERSION}`);
  if (value.project !== null && typeof value.project !== 'string') throw new CliError(`${at}: "project" must be a project id or null`);
  return value as unknown as ExportHeader;
}

function asLine(value: unknown, at: string): ExportLine {
  if (!isObject(value) || typeof value.kind !== 'string' || !isObject(value.row)) throw new CliError(`${at}: a row line must be {"kind": …, "row": {…}}`);
  if (!kindSpec(value.kind)) throw new CliError(`${at}: unknown kind "${value.kind}"`);
  return value as unknown as ExportLine;
}

function checkTrailer(file: string, trailer: ExportTrailer, sums: Checksums): void {
  const digests = sums.digests();
  for (const { kind } of KINDS) {
    const counted = trailer.end?.counts?.[kind] ?? 0;
    if (counted !== sums.counts[kind]) throw new CliError(`${file} holds ${sums.counts[kind]} ${kind} rows, its end line says ${counted}: it was cut or edited`);
    if (sums.counts[kind] > 0 && trailer.end.checksums?.[kind] !== digests[kind]) throw new CliError(`${file}: the ${kind} rows do not match their checksum: the file was edited`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
