-- 011_early_reports: a delivery report that arrives before its send is recorded.
-- Kannel's dlr-url can overtake smsbox's answer to the sendsms request; the report
-- is kept here (instead of the endpoint waiting for the sender) and applied in the
-- same transaction that records the send (modem_sent_record).
CREATE TABLE early_reports (
    transport   TEXT NOT NULL,              -- kannel0, ...
    ref         TEXT NOT NULL,              -- outbound.transport_ref it will carry
    delivered   INTEGER NOT NULL,           -- 1 delivered, 0 failed
    at          INTEGER NOT NULL,           -- when the report came (unix seconds)
    PRIMARY KEY (transport, ref)
) WITHOUT ROWID;
