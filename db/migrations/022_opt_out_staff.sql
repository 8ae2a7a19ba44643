-- 022_opt_out_staff: STOP (or reminders turned off on the dashboard) cancels every
-- text talka would still send of its own accord, not only a reminder's copies
-- (005's broadcast_opt_out): a staff message written out of the blue (Sūtīt ziņu
-- to someone who has not written in 7 days) waits at the broadcasts' priority 50
-- (PRIO_BROADCAST, db/outbox.h) for quiet hours and caps, and must not go after
-- STOP either. Replies and answers to what the volunteer wrote (priorities 0 and
-- 10) still go. A text a link has already taken ('sending') is on its way.
-- Safe to apply again (tests/scenario/backup_as_is.sh takes a database back to
-- schema 019 and migrates it forward).
DROP TRIGGER IF EXISTS broadcast_opt_out;
DROP TRIGGER IF EXISTS outbound_opt_out;
CREATE TRIGGER outbound_opt_out AFTER UPDATE OF opted_out ON volunteers
    WHEN new.opted_out != 0 AND old.opted_out = 0
BEGIN
    UPDATE outbound SET state = 'cancelled', last_error = 'opted out'
     WHERE recipient = new.number AND state = 'queued'
       AND (kind = 'broadcast' OR priority >= 50);
END;
