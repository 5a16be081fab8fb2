-- Loket schema 1: the event log, the register state folded from it, the foundation's
-- projections, and device-local tables (never shipped, outside the fingerprint).

-- Device-local: this device's identity, chain head and clock. Exactly one row after init.
CREATE TABLE local_device (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    device_id    TEXT NOT NULL,
    secret_key   BLOB NOT NULL,          -- Ed25519 secret; never leaves this database
    last_seq     INTEGER NOT NULL,
    head_hash    BLOB NOT NULL,          -- hash of the event at last_seq (32 zero bytes at 0)
    hlc          INTEGER NOT NULL,       -- last hybrid logical clock value issued or observed
    created_ms   INTEGER NOT NULL
);

-- Device-local settings (idle lock minutes, ...).
CREATE TABLE local_setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Device-local login failures for lockout on this PC.
CREATE TABLE local_login_failure (
    username     TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    locked_until INTEGER NOT NULL DEFAULT 0
);

-- The append-only event log. `body` holds the exact bytes that are hashed and signed.
CREATE TABLE events (
    device_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    hlc        INTEGER NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    version    INTEGER NOT NULL,
    prev_hash  BLOB NOT NULL,
    hash       BLOB NOT NULL,
    body       BLOB NOT NULL,
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;
CREATE INDEX events_by_entity ON events (entity, entity_id);

-- Field registers: the surviving (not replaced) writes of every field. Derived from events.
CREATE TABLE reg_write (
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    hlc        INTEGER NOT NULL,
    value      TEXT NOT NULL,            -- JSON
    PRIMARY KEY (entity, entity_id, field, device_id, seq)
) WITHOUT ROWID;

-- Writes named in some event's pred, per field. Derived from events.
CREATE TABLE reg_replaced (
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    PRIMARY KEY (entity, entity_id, field, device_id, seq)
) WITHOUT ROWID;

-- Projections (rebuilt from the log by `loket rebuild`). Column names = event field names.
CREATE TABLE p_site (
    id TEXT PRIMARY KEY, name TEXT, tz TEXT, kind TEXT, place TEXT,
    start_date TEXT, end_date TEXT
);
CREATE TABLE p_device (
    id TEXT PRIMARY KEY, name TEXT, kind TEXT, site TEXT, public_key TEXT
);
CREATE TABLE p_agency (
    id TEXT PRIMARY KEY, name TEXT, active INTEGER
);
CREATE TABLE p_service (
    id TEXT PRIMARY KEY, agency TEXT, name TEXT, prefix TEXT, minutes INTEGER, fee TEXT,
    product TEXT, requirements TEXT, procedure TEXT, policy TEXT, active INTEGER
);
CREATE TABLE p_counter (
    id TEXT PRIMARY KEY, name TEXT, services TEXT, active INTEGER
);
CREATE TABLE p_staff (
    id TEXT PRIMARY KEY, name TEXT, agency TEXT, position TEXT, active INTEGER
);
CREATE TABLE p_holiday (
    id TEXT PRIMARY KEY, name TEXT, active INTEGER
);
CREATE TABLE p_user (
    id TEXT PRIMARY KEY, username TEXT, role TEXT, nip TEXT, pin_hash TEXT, active INTEGER
);
