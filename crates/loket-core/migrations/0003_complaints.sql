-- Complaints (pengaduan), issue 5: SLA profiles per category, complaints, and their
-- append-only timeline (one record per transition, assignment, note or answer).

CREATE TABLE p_sla_profile (
    id TEXT PRIMARY KEY, name TEXT, respond_days INTEGER, resolve_days INTEGER, active INTEGER
);

CREATE TABLE p_complaint (
    id TEXT PRIMARY KEY, number TEXT, received_at INTEGER, type TEXT, channel TEXT,
    category TEXT, service TEXT, agency TEXT, ticket TEXT, service_date TEXT, name TEXT,
    phone TEXT, nik TEXT, summary TEXT, details TEXT, respond_days INTEGER,
    resolve_days INTEGER, status TEXT, assigned_nip TEXT, responded_at INTEGER,
    resolved_at INTEGER, closed_at INTEGER, answer TEXT, answer_at INTEGER, answer_by TEXT,
    site TEXT, device TEXT, registered_at INTEGER
);
CREATE INDEX p_complaint_by_number ON p_complaint (number);
CREATE INDEX p_complaint_by_received ON p_complaint (received_at);
CREATE INDEX p_complaint_by_status ON p_complaint (status);

CREATE TABLE p_complaint_step (
    id TEXT PRIMARY KEY, complaint TEXT, kind TEXT, from_status TEXT, to_status TEXT,
    staff TEXT, note TEXT, at INTEGER, ordinal INTEGER, by_user TEXT, by_nip TEXT,
    recorded_at INTEGER
);
CREATE INDEX p_complaint_step_by_complaint ON p_complaint_step (complaint, at, ordinal);
