-- Survey (SKM/IKM, issue 6): responses (one entity per response, written once) and CSV import
-- batches. Projections only; figures are computed at query time.
CREATE TABLE p_survey_response (
    id TEXT PRIMARY KEY, date TEXT, at INTEGER, site TEXT, service TEXT, staff TEXT,
    counter TEXT, ticket TEXT, ticket_device TEXT,
    u1 INTEGER, u2 INTEGER, u3 INTEGER, u4 INTEGER, u5 INTEGER, u6 INTEGER, u7 INTEGER,
    u8 INTEGER, u9 INTEGER,
    gender TEXT, age TEXT, education TEXT, occupation TEXT, suggestion TEXT, source TEXT,
    batch TEXT, void INTEGER, void_reason TEXT
);
CREATE INDEX p_survey_response_by_date ON p_survey_response (date);
CREATE INDEX p_survey_response_by_service ON p_survey_response (service, date);
CREATE INDEX p_survey_response_by_staff ON p_survey_response (staff, date);
CREATE INDEX p_survey_response_by_batch ON p_survey_response (batch);

CREATE TABLE p_survey_batch (
    id TEXT PRIMARY KEY, file TEXT, sha256 TEXT, rows INTEGER, at INTEGER, site TEXT,
    void INTEGER, void_reason TEXT
);
CREATE INDEX p_survey_batch_by_sha256 ON p_survey_batch (sha256);
