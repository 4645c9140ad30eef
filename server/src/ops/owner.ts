import { systemClock } from '../clock.js';
import { loadConfig } from '../config/load-config.js';
import { issueOwnerResetToken, ownerResetLink } from '../console/owner-reset-tokens.js';
import type { Storage } from '../storage/storage.js';
import { CliError, type Command, type CommandInput, type Output } from './command.js';
import { DATA_DIR_OPTION } from './data-dir.js';
import { scanBatches } from './scan.js';
import { withServerStorage } from './with-storage.js';

export const ownerCommand: Command = {
  name: 'owner',
  usage: 'owner list [--json] | owner reset-password <email>',
  summary: 'Lists the owner accounts of the dashboard, or prints a one-time link that resets an owner\'s password.',
  help: [
    'Reads the store the server uses (MONGODB_URI, else the embedded store in DATA_DIR).',
    '',
    '  list                    email, name, projects, created',
    '  reset-password <email>  a link to the dashboard\'s reset page (PUBLIC_URL, else localhost:PORT),',
    '                          valid for an hour and once: for a server without SMTP.',
    '',
    'Options:',
    '  --json             one JSON object per line instead of a table',
    '  --data-dir <dir>   the data directory (default: DATA_DIR, else ./data)',
  ].join('\n'),
  options: { ...DATA_DIR_OPTION, json: { type: 'boolean' } },
  positionals: { min: 1, max: 2 },
  async run(input, out) {
    const [action, email] = input.positionals;
    if (action === 'reset-password') {
      if (!email) throw new CliError('owner reset-password needs the owner\'s email (rested owner --help)');
      return withServerStorage(input, (storage) => printResetLink(storage, input, email, out));
    }
    if (action !== 'list' || email !== undefined) throw new CliError(`unknown owner action "${input.positionals.join(' ')}" (rested owner --help)`);
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

/** `owner reset-password <email>`: a one-time link to the dashboard's reset page, for a server without SMTP. */
async function printResetLink(storage: Storage, input: CommandInput, email: string, out: Output): Promise<void> {
  const owner = await storage.findOwnerByEmail(email);
  if (!owner) throw new CliError(`no owner account has the email ${email}`);
  const config = loadConfig(input.env);
  const link = ownerResetLink(config, await issueOwnerResetToken(storage, systemClock, owner.id));
  out.progress(`Open this link within an hour to choose a new password for ${owner.email} (it works once):`);
  out.result(link);
}
