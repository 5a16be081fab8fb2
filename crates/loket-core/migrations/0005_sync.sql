-- Sync by file. Everything here is device-local (outside the fingerprint): which signed chain
-- heads this PC holds, what it exported and imported, what it learnt about other devices'
-- clocks, and events it had to keep aside.

-- Signed chain heads of every device (our own and relayed ones): (device, seq) → signature.
CREATE TABLE sync_head (
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    hash      BLOB NOT NULL,
    signature BLOB NOT NULL,
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;

-- Bundles written here; `vector` is the per-device highest seq included so far (JSON).
CREATE TABLE sync_export (
    bundle_id   TEXT PRIMARY KEY,
    exported_ms INTEGER NOT NULL,
    full        INTEGER NOT NULL,
    file        TEXT NOT NULL,
    events      INTEGER NOT NULL,
    vector      TEXT NOT NULL
);

-- Bundles imported here (one row per application).
CREATE TABLE sync_import (
    id          INTEGER PRIMARY KEY,
    bundle_id   TEXT NOT NULL,
    imported_ms INTEGER NOT NULL,
    file        TEXT NOT NULL,
    exporter    TEXT NOT NULL,
    exported_ms INTEGER NOT NULL,
    new_events  INTEGER NOT NULL,
    known_events INTEGER NOT NULL
);
CREATE INDEX sync_import_bundle ON sync_import (bundle_id);

-- What this PC knows of each device: last import that carried its events, estimated skew.
CREATE TABLE sync_device (
    device_id      TEXT PRIMARY KEY,
    public_key     TEXT,
    last_import_ms INTEGER,
    skew_ms        INTEGER,
    skew_source    TEXT,
    suspect_events INTEGER NOT NULL DEFAULT 0
);

-- Events with a clock beyond the allowed drift (kept and applied, flagged).
CREATE TABLE sync_clock_suspect (
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;

-- A device id seen with two different histories (a cloned disk or restored backup): from
-- `from_seq` on, its events from every branch are kept here, aside, and not applied.
CREATE TABLE sync_clone (
    device_id   TEXT PRIMARY KEY,
    from_seq    INTEGER NOT NULL,
    detected_ms INTEGER NOT NULL
);
CREATE TABLE sync_quarantine (
    device_id   TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    hash        BLOB NOT NULL,
    body        BLOB NOT NULL,
    detected_ms INTEGER NOT NULL,
    PRIMARY KEY (device_id, seq, hash)
) WITHOUT ROWID;
