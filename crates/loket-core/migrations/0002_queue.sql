-- Loket schema 2 (queue, issue 4): tickets and their step history. Projections only: both
-- are folded from `ticket` / `ticket_step` events and rebuilt by `loket rebuild`.

CREATE TABLE p_ticket (
    id TEXT PRIMARY KEY, number TEXT, seq INTEGER, prefix TEXT, issue_service TEXT,
    service TEXT, day TEXT, device TEXT, site TEXT, priority TEXT, status TEXT,
    issued_at INTEGER, called_at INTEGER, started_at INTEGER, finished_at INTEGER,
    counter TEXT, officer TEXT, recalls INTEGER, order_key INTEGER, print TEXT
);
-- number allocation: MAX(seq) per device, day and prefix
CREATE INDEX p_ticket_number ON p_ticket (device, day, prefix, seq);
-- the waiting line of a service
CREATE INDEX p_ticket_line ON p_ticket (service, status, day, device, order_key);
-- the first waiting priority ticket of a line (strict / ratio policies)
CREATE INDEX p_ticket_line_priority ON p_ticket (service, status, day, device, order_key)
    WHERE priority IS NOT NULL;
-- the end of this device's line today
CREATE INDEX p_ticket_order ON p_ticket (device, day, order_key);
-- lists and figures of a day or range; what a counter holds
CREATE INDEX p_ticket_day ON p_ticket (day, issued_at);
CREATE INDEX p_ticket_counter ON p_ticket (counter, status, day);

CREATE TABLE p_ticket_step (
    id TEXT PRIMARY KEY, ticket TEXT, n INTEGER, device TEXT, kind TEXT, at INTEGER,
    day TEXT, service TEXT, counter TEXT, officer TEXT, detail TEXT
);
CREATE INDEX p_ticket_step_ticket ON p_ticket_step (ticket, n);
-- calls of a service today (ratio policy) and the board's last calls
CREATE INDEX p_ticket_step_calls ON p_ticket_step (device, day, service, kind, n);
CREATE INDEX p_ticket_step_board ON p_ticket_step (device, day, kind, n);
