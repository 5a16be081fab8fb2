-- Loket schema (daily log, issue 9): supervisor notes and approvals of a site's day, and the
-- indexes the daily and period recaps need. Projections only: folded from `daily_note` /
-- `daily_approval` events and rebuilt by `loket rebuild`.

CREATE TABLE p_daily_note (
    id TEXT PRIMARY KEY, site TEXT, date TEXT, text TEXT, at INTEGER, by_user TEXT, by_nip TEXT
);
CREATE INDEX p_daily_note_day ON p_daily_note (site, date, at);

CREATE TABLE p_daily_approval (
    id TEXT PRIMARY KEY, site TEXT, date TEXT, at INTEGER, by_user TEXT, by_nip TEXT,
    fingerprint TEXT, snapshot TEXT
);
CREATE INDEX p_daily_approval_day ON p_daily_approval (site, date, at);

-- a site's tickets of a day or a range
CREATE INDEX p_ticket_site_day ON p_ticket (site, day);
-- a site's complaints (the daily complaint figures)
CREATE INDEX p_complaint_site ON p_complaint (site, received_at);
-- a site's survey responses of a day or a range
CREATE INDEX p_survey_response_site_day ON p_survey_response (site, date);
