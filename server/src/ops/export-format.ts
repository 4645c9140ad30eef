import type { TransferKind } from '../storage/storage.js';
import { CliError } from './command.js';
import { Checksums, KINDS, kindSpec, reviveRow, type Counts } from './kinds.js';
import { readJsonLines } from './lines.js';
import { ProjectScope } from './project-scope.js';

/*
 * The export format (docs/backups.md, "Export format"): JSON Lines. A header line, then one line
 * per row, {"kind": …, "row": …}, kinds in the order of KINDS, rows in key order; then a trailer
 * with the counts and SHA-256 checksums of each kind, so a cut or edited file is refused whole.
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
  end: { counts: Counts; checksums: Record<TransferKind, string> };
}

export interface ExportLine {
  kind: TransferKind;
  row: Record<string, unknown>;
}

/** One row of a file read back: its kind and the row with its dates revived. */
export interface ImportRow {
  kind: TransferKind;
  row: object;
}

/** The rows of an export file in order, each checked; the trailer checked at the end. */
export async function* exportRows(file: string, onHeader: (header: ExportHeader) => void = () => undefined): AsyncGenerator<ImportRow> {
  const sums = new Checksums();
  let header: ExportHeader | undefined;
  let trailer: ExportTrailer | undefined;
  let scope: ProjectScope | null = null;
  let order = 0;
  for await (const { value, line } of readJsonLines(file)) {
    const at = `${file} line ${line}`;
    if (trailer) throw new CliError(`${at}: nothing may follow the end line`);
    if (!header) {
      header = asHeader(value, at);
      scope = header.project === null ? null : new ProjectScope(header.project);
      onHeader(header);
      continue;
    }
    if (isObject(value) && 'end' in value) {
      trailer = value as unknown as ExportTrailer;
      continue;
    }
    const { kind, row } = asLine(value, at);
    const index = KINDS.findIndex((spec) => spec.kind === kind);
    if (index < order) throw new CliError(`${at}: ${kind} must come before ${KINDS[order]!.kind}`);
    order = index;
    const revived = reviveRow(kindSpec(kind)!, row);
    if (!revived) throw new CliError(`${at}: the ${kind} row has no key or a date that is not a valid time`);
    const outOfScope = scope?.problem(kind, row);
    if (outOfScope) throw new CliError(`${at}: ${outOfScope}`);
    sums.add(kind, row);
    yield { kind, row: revived };
  }
  if (!header) throw new CliError(`${file} is empty`);
  if (!trailer) throw new CliError(`${file} ends before its end line: it was cut short`);
  checkTrailer(file, trailer, sums);
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
