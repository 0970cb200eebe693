/**
 * Versioned schema migrations of the history database: entry N brings `PRAGMA user_version` from N to
 * N + 1. Never edit a released entry; append a new one.
 */
export const migrations: ReadonlyArray<readonly string[]> = [
  [
    `CREATE TABLE runs (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('collect', 'analyze', 'bundle')),
      started_at TEXT NOT NULL,
      finished_at TEXT,
      role TEXT NOT NULL,
      machine TEXT,
      status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'incomplete', 'failed', 'cancelled')),
      tool_version TEXT NOT NULL,
      source TEXT,
      bundle_path TEXT,
      worst_severity TEXT NOT NULL DEFAULT 'none',
      pid INTEGER,
      host TEXT
    )`,
    `CREATE TABLE steps (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      step TEXT NOT NULL,
      status TEXT NOT NULL,
      started_at TEXT,
      duration_ms INTEGER,
      command TEXT,
      exit_code INTEGER,
      summary TEXT,
      error TEXT,
      UNIQUE (run_id, step)
    )`,
    `CREATE TABLE artifacts (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      kind TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      command TEXT,
      exit_code INTEGER,
      duration_ms INTEGER,
      UNIQUE (run_id, path)
    )`,
    `CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      event_id INTEGER NOT NULL,
      log_name TEXT,
      time_created TEXT,
      computer TEXT,
      record_id INTEGER,
      hresult TEXT,
      cmid TEXT,
      client_name TEXT,
      data TEXT NOT NULL
    )`,
    `CREATE TABLE findings (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      finding_id TEXT NOT NULL,
      severity TEXT NOT NULL,
      title TEXT NOT NULL,
      data TEXT NOT NULL
    )`,
    'CREATE INDEX steps_run ON steps (run_id)',
    'CREATE INDEX artifacts_run ON artifacts (run_id)',
    'CREATE INDEX events_run ON events (run_id, event_id)',
    'CREATE INDEX findings_run ON findings (run_id, position)',
  ],
  // A case (several machines opened together): one row, and its machines in order, each the run that analysed it.
  [
    `CREATE TABLE cases (
      id INTEGER PRIMARY KEY,
      started_at TEXT NOT NULL,
      name TEXT NOT NULL,
      verdict TEXT NOT NULL CHECK (verdict IN ('problem', 'warning', 'ok')),
      case_findings TEXT NOT NULL,
      ignored TEXT NOT NULL DEFAULT '[]',
      tool_version TEXT NOT NULL
    )`,
    `CREATE TABLE case_machines (
      case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      verdict TEXT NOT NULL,
      source TEXT NOT NULL,
      shown TEXT NOT NULL,
      PRIMARY KEY (case_id, position)
    )`,
    'CREATE INDEX case_machines_run ON case_machines (run_id)',
  ],
];
