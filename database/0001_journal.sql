-- The event journal of persistent actors (DESIGN.md section 6).
-- One row per event; a stream is one persistence id. Sequence numbers are strictly increasing per stream.
CREATE TABLE journal (
    persistence_id text        NOT NULL,
    sequence_nr    bigint      NOT NULL,
    epoch          bigint      NOT NULL, -- fencing epoch of the writer (the shard allocation's epoch)
    manifest       text        NOT NULL, -- serializer manifest, e.g. 'trade.v2'
    payload        bytea       NOT NULL,
    written_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (persistence_id, sequence_nr)
);

-- One row per stream: the highest epoch that wrote to it and the highest sequence number ever stored.
-- Writers lock these rows (SELECT ... FOR UPDATE, in persistence-id order) before appending, which makes the
-- epoch check and the sequence check race-free, and keeps the highest sequence number after events are deleted.
CREATE TABLE journal_streams (
    persistence_id      text   PRIMARY KEY,
    epoch               bigint NOT NULL,
    highest_sequence_nr bigint NOT NULL
);
