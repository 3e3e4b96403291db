-- Snapshots of persistent actors: recovery loads the latest one, then replays the events after it.
CREATE TABLE snapshots (
    persistence_id text        NOT NULL,
    sequence_nr    bigint      NOT NULL, -- the last event the snapshot includes
    created_at     timestamptz NOT NULL,
    manifest       text        NOT NULL,
    payload        bytea       NOT NULL,
    PRIMARY KEY (persistence_id, sequence_nr)
);
