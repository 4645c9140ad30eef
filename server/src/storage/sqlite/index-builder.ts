import Database from 'better-sqlite3';

/*
 * A child process that builds indexes (indexes.ts) on its own connection to the database file,
 * so the server's event loop keeps answering reads while SQLite reads the whole endpoint. It
 * takes {file, statements} over IPC, runs them in one transaction and answers {ok} or {message}.
 */

interface Job {
  file: string;
  statements: string[];
}

process.once('message', (job: Job) => {
  let db: Database.Database | undefined;
  try {
    db = new Database(job.file, { fileMustExist: true });
    db.pragma('busy_timeout = 30000');
    const run = db.transaction(() => {
      for (const sql of job.statements) db!.exec(sql);
    });
    run.immediate();
    process.send!({ ok: true });
  } catch (error) {
    process.send!({ ok: false, message: error instanceof Error ? error.message : String(error) });
  } finally {
    db?.close();
  }
});
