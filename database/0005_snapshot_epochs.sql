-- Snapshots carry the fencing epoch of their writer, like journal writes: a save with an epoch below the highest
-- stored for its stream is refused, so a paused former owner of a shard cannot overwrite its successor's state.
ALTER TABLE snapshots ADD COLUMN epoch bigint NOT NULL DEFAULT 0;
