import { fileURLToPath } from 'node:url';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { issueOwnerResetToken, ownerResetLink } from './console/owner-reset-tokens.js';
import { openStorage } from './storage/open-storage.js';

const USAGE = 'usage: npm run owner -- reset-password <email>';

/**
 * `npm run owner -- reset-password <email>`: for a self-hoster without SMTP. Run beside the server,
 * with the same DATA_DIR or MONGODB_URI (and SECRET); prints a one-time link to the dashboard's
 * reset page, valid for an hour. Answers the exit code.
 */
export async function runOwnerCommand(args: readonly string[], out: (line: string) => void, env = process.env): Promise<number> {
  const [command, email, ...rest] = args;
  if (command !== 'reset-password' || !email || rest.length > 0) {
    out(USAGE);
    return 2;
  }
  const config = loadConfig(env);
  const storage = await openStorage(config);
  try {
    const owner = await storage.findOwnerByEmail(email);
    if (!owner) {
      out(`No owner account has the email ${email}.`);
      return 1;
    }
    const link = ownerResetLink(config, await issueOwnerResetToken(storage, systemClock, owner.id));
    out(`Open this link within an hour to choose a new password for ${owner.email} (it works once):`);
    out(link);
    return 0;
  } finally {
    await storage.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runOwnerCommand(process.argv.slice(2), (line) => console.log(line)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : `reset-password failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
