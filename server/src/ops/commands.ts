import { backupCommand } from './backup.js';
import type { Command } from './command.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { migrateCommand } from './migrate.js';
import { ownerCommand } from './owner.js';
import { restoreCommand } from './restore.js';

/** Every command of the CLI, in the order --help lists them. */
export const COMMANDS: readonly Command[] = [backupCommand, restoreCommand, exportCommand, importCommand, migrateCommand, ownerCommand];
