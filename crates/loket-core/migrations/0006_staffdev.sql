-- Staff development (issue 8): competency development records (JP) with certificate
-- evidence, training programs, mentoring and supervisors' assessment notes. Projections only;
-- JP totals, performance and impact are computed at query time.
CREATE TABLE p_staffdev_config (id TEXT PRIMARY KEY, jp_minutes INTEGER, pppk_target_jp_x100 INTEGER);
CREATE TABLE p_training (id TEXT PRIMARY KEY, nip TEXT, kind TEXT, form TEXT, title TEXT, provider TEXT, start_date TEXT, date TEXT, jp_x100 INTEGER, minutes INTEGER, program TEXT, evidence TEXT, active INTEGER, by_user TEXT, recorded_at INTEGER, site TEXT);
CREATE TABLE p_training_evidence (id TEXT PRIMARY KEY, training TEXT, file_name TEXT, size INTEGER, sha256 TEXT, data TEXT, by_user TEXT, recorded_at INTEGER);
CREATE TABLE p_program (id TEXT PRIMARY KEY, title TEXT, topic TEXT, kind TEXT, form TEXT, provider TEXT, start_date TEXT, end_date TEXT, jp_x100 INTEGER, budget INTEGER, target_participants INTEGER, status TEXT, completed_at INTEGER, by_user TEXT, recorded_at INTEGER);
CREATE TABLE p_program_participant (id TEXT PRIMARY KEY, program TEXT, nip TEXT, enrolled INTEGER, enrolled_at INTEGER, attended INTEGER, rating INTEGER, comment TEXT, feedback_at INTEGER, training TEXT);
CREATE TABLE p_mentoring (id TEXT PRIMARY KEY, mentor TEXT, mentee TEXT, start_date TEXT, end_date TEXT, goals TEXT, status TEXT, by_user TEXT, recorded_at INTEGER);
CREATE TABLE p_mentoring_session (id TEXT PRIMARY KEY, pair TEXT, date TEXT, minutes INTEGER, notes TEXT, by_user TEXT, recorded_at INTEGER);
CREATE TABLE p_staff_assessment (id TEXT PRIMARY KEY, nip TEXT, from_date TEXT, to_date TEXT, note TEXT, hasil TEXT, perilaku TEXT, predicate TEXT, by_user TEXT, at INTEGER);
CREATE INDEX p_training_by_nip ON p_training (nip, date);
CREATE INDEX p_training_by_date ON p_training (date);
CREATE INDEX p_training_evidence_by_training ON p_training_evidence (training);
CREATE INDEX p_program_by_start ON p_program (start_date);
CREATE INDEX p_program_participant_by_program ON p_program_participant (program, nip);
CREATE INDEX p_program_participant_by_nip ON p_program_participant (nip);
CREATE INDEX p_mentoring_by_mentor ON p_mentoring (mentor, status);
CREATE INDEX p_mentoring_by_mentee ON p_mentoring (mentee, status);
CREATE INDEX p_mentoring_session_by_pair ON p_mentoring_session (pair, date);
CREATE INDEX p_staff_assessment_by_nip ON p_staff_assessment (nip, from_date);
-- performance reads of other capabilities' projections
CREATE INDEX IF NOT EXISTS p_ticket_step_by_officer_day ON p_ticket_step (officer, day);
CREATE INDEX IF NOT EXISTS p_complaint_step_by_nip_at ON p_complaint_step (by_nip, at);
