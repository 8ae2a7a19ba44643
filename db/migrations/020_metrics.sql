-- 020_metrics: counters for /metrics and `talka status --json` that never go
-- backwards. Retention deletes and blanks rows, so a count(*) over inbound or
-- outbound would fall; these rows are bumped by triggers in the same transaction
-- as the event they count (a text stored, a text handled, a text sent, a USSD
-- session begun) and never decremented. They start from what the database holds
-- when this migration runs.
CREATE TABLE metric_counters (
    name          TEXT NOT NULL,             -- texts_received, texts_sent, parse_outcomes, ussd_sessions
    label         TEXT NOT NULL DEFAULT '',  -- the kind or outcome; '' for none
    value         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (name, label)
) WITHOUT ROWID;

INSERT INTO metric_counters (name, label, value)
    SELECT 'texts_received', '', count(*) FROM inbound;
INSERT INTO metric_counters (name, label, value)
    SELECT 'ussd_sessions', '', count(*) FROM ussd_sessions;
INSERT INTO metric_counters (name, label, value)
    SELECT 'parse_outcomes', outcome, count(*) FROM inbound
     WHERE state = 'handled' AND outcome IS NOT NULL GROUP BY outcome;
INSERT INTO metric_counters (name, label, value)
    SELECT 'texts_sent', CASE kind WHEN 'reply' THEN 'reply' WHEN 'broadcast' THEN 'broadcast'
                                   ELSE 'staff' END, count(*)
      FROM outbound WHERE state IN ('sent', 'delivered')
     GROUP BY 2;

CREATE TRIGGER metric_received AFTER INSERT ON inbound
BEGIN
    INSERT INTO metric_counters (name, label, value) VALUES ('texts_received', '', 1)
        ON CONFLICT (name, label) DO UPDATE SET value = value + 1;
END;

CREATE TRIGGER metric_handled AFTER UPDATE OF state ON inbound
WHEN NEW.state = 'handled' AND OLD.state <> 'handled'
BEGIN
    INSERT INTO metric_counters (name, label, value)
        VALUES ('parse_outcomes', coalesce(NEW.outcome, 'none'), 1)
        ON CONFLICT (name, label) DO UPDATE SET value = value + 1;
END;

CREATE TRIGGER metric_handled_at_insert AFTER INSERT ON inbound
WHEN NEW.state = 'handled'
BEGIN
    INSERT INTO metric_counters (name, label, value)
        VALUES ('parse_outcomes', coalesce(NEW.outcome, 'none'), 1)
        ON CONFLICT (name, label) DO UPDATE SET value = value + 1;
END;

-- notices and alerts go to staff; a staff command's answer is a reply
CREATE TRIGGER metric_sent AFTER UPDATE OF state ON outbound
WHEN NEW.state IN ('sent', 'delivered') AND OLD.state NOT IN ('sent', 'delivered')
BEGIN
    INSERT INTO metric_counters (name, label, value)
        VALUES ('texts_sent', CASE NEW.kind WHEN 'reply' THEN 'reply'
                                            WHEN 'broadcast' THEN 'broadcast' ELSE 'staff' END, 1)
        ON CONFLICT (name, label) DO UPDATE SET value = value + 1;
END;

CREATE TRIGGER metric_ussd_session AFTER INSERT ON ussd_sessions
BEGIN
    INSERT INTO metric_counters (name, label, value) VALUES ('ussd_sessions', '', 1)
        ON CONFLICT (name, label) DO UPDATE SET value = value + 1;
END;
