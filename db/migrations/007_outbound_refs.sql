-- 007_outbound_refs: a delivery report finds its outbound row by (transport,
-- transport_ref); without an index that reads the whole outbound table, which
-- grows by every reply and broadcast copy (measured through Kannel, where every
-- text gets a report: a quarter of talka's CPU per round trip with 3 000 rows).
CREATE INDEX outbound_transport_ref ON outbound(transport, transport_ref)
    WHERE transport_ref IS NOT NULL;
