import { CliError, type Command } from './command.js';
import { DATA_DIR_OPTION } from './data-dir.js';
import { scanBatches } from './scan.js';
import { withServerStorage } from './with-storage.js';

export const ownerCommand: Command = {
  name: 'owner',
  usage: 'owner list [--json]',
  summary: 'Lists the owner accounts of the dashboard: email, name, projects, created.',
  help: [
    'Reads the store the server uses (MONGODB_URI, else the embedded store in DATA_DIR).',
    '',
    'Options:',
    '  --json             one JSON object per line instead of a table',
    '  --data-dir <dir>   the data directory (default: DATA_DIR, else ./data)',
  ].join('\n'),
  options: { ...DATA_DIR_OPTION, json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(input, out) {
    const [action] = input.positionals;
    if (action !== 'list') throw new CliError(`unknown owner action "${action}" (rested owner --help)`);
    await withServerStorage(input, async (storage) => {
      const rows: string[][] = [['EMAIL', 'NAME', 'PROJECTS', 'CREATED']];
      for await (const owners of scanBatches(storage, 'owners')) {
        for (const owner of owners) {
          const projects = (await storage.listProjects(owner.id)).length;
          const created = owner.createdAt.toISOString();
          if (input.values.json) out.result(JSON.stringify({ id: owner.id, email: owner.email, name: owner.name, projects, createdAt: created }));
          else rows.push([owner.email, owner.name, String(projects), created]);
        }
      }
      if (input.values.json) return;
      if (rows.length === 1) return out.result('no owners yet');
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
      for (const row of rows) out.result(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
    });
  },
};
