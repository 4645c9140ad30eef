import type { Database } from 'better-sqlite3';

/** Versioned schema migrations, applied in order, each in its own transaction. Never edit a released one: append. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE owners (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    email_lower TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE owner_sessions (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE INDEX owner_sessions_owner ON owner_sessions(owner_id);
  CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    api_key TEXT NOT NULL UNIQUE,
    allowed_origins TEXT NOT NULL,
    disallow_no_origin INTEGER NOT NULL,
    master_key_hash TEXT,
    token_ttl_seconds INTEGER NOT NULL,
    jwt_secret TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX projects_owner ON projects(owner_id, created_at);
  CREATE TABLE endpoints (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    auth INTEGER NOT NULL,
    secure INTEGER NOT NULL,
    read_others INTEGER NOT NULL,
    update_others INTEGER NOT NULL,
    delete_others INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (project_id, name)
  );
  CREATE TABLE records (
    unique_id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    endpoint_id TEXT NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,
    creator_id TEXT,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX records_page ON records(endpoint_id, created_at, unique_id);
  CREATE INDEX records_creator_page ON records(endpoint_id, creator_id, created_at, unique_id);
  CREATE TABLE users (
    unique_id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    endpoint_id TEXT NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,
    username_lower TEXT,
    email_lower TEXT,
    password_hash TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX users_username ON users(endpoint_id, username_lower) WHERE username_lower IS NOT NULL;
  CREATE UNIQUE INDEX users_email ON users(endpoint_id, email_lower) WHERE email_lower IS NOT NULL;
  CREATE INDEX users_page ON users(endpoint_id, created_at, unique_id);
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    endpoint_id TEXT NOT NULL REFERENCES endpoints(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(unique_id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    user_agent TEXT NOT NULL,
    ip TEXT NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id, created_at);
  CREATE INDEX sessions_endpoint ON sessions(endpoint_id);
  CREATE INDEX sessions_expiry ON sessions(expires_at);
  `,
];

export function migrate(db: Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = db.prepare('SELECT version FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    db.transaction(() => {
      // Re-checked inside the write lock: another process may have just applied it.
      if (applied.get(version)) return;
      db.exec(sql);
      record.run(version, Date.now());
    }).immediate();
  });
  return MIGRATIONS.length;
}
