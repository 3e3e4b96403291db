-- Idempotent replays without a unique index per row (the time-series loading rate needs it; see README, Sinks).
--
-- A unique key checked row by row cost the sinks two thirds of their COPY rate (measured: 125k rows/s with the
-- (venue, symbol, time, sequence) primary key, 305k with the same key led by time, 590k without any). So the natural
-- keys stay the same, but the sinks enforce them instead of a unique index:
--  * each series (a table's rows of one instrument, and for bars one timeframe) has a high-water mark here: the
--    highest (time, sequence) it has stored, updated in the same transaction as the rows;
--  * a row above its series' mark cannot be stored yet, so it is COPYed straight into its day partition;
--  * a row at or below the mark (a replay, or a late row) is merged with INSERT ... WHERE NOT EXISTS on its natural
--    key instead, and counted as a duplicate when it was already stored;
--  * loaders lock their series' marks (FOR UPDATE) for the whole transaction, so two loaders of one series cannot
--    both decide a row is new.
-- Consequently rows must only be written through the sinks (FlowSense.Sinks.PostgreSql).
CREATE TABLE sink_watermarks (
    table_name text   NOT NULL, -- the partitioned parent table: trades, quotes, book_top, features, bars
    venue      text   NOT NULL,
    symbol     text   NOT NULL,
    qualifier  text   NOT NULL, -- '' except for bars, where it is the timeframe
    time_ns    bigint NOT NULL, -- the highest stored (time_ns, sequence), compared in that order
    sequence   bigint NOT NULL, -- 0 for tables whose key has no sequence (features, bars)
    PRIMARY KEY (table_name, venue, symbol, qualifier)
);

-- Rows stored before this migration count as loaded: their series start at the highest key already there.
INSERT INTO sink_watermarks
SELECT DISTINCT ON (venue, symbol) 'trades', venue, symbol, '', exchange_time_ns, sequence
FROM trades ORDER BY venue, symbol, exchange_time_ns DESC, sequence DESC;
INSERT INTO sink_watermarks
SELECT DISTINCT ON (venue, symbol) 'quotes', venue, symbol, '', exchange_time_ns, sequence
FROM quotes ORDER BY venue, symbol, exchange_time_ns DESC, sequence DESC;
INSERT INTO sink_watermarks
SELECT DISTINCT ON (venue, symbol) 'book_top', venue, symbol, '', exchange_time_ns, sequence
FROM book_top ORDER BY venue, symbol, exchange_time_ns DESC, sequence DESC;
INSERT INTO sink_watermarks
SELECT DISTINCT ON (venue, symbol) 'features', venue, symbol, '', time_ns, 0
FROM features ORDER BY venue, symbol, time_ns DESC;
INSERT INTO sink_watermarks
SELECT DISTINCT ON (venue, symbol, timeframe) 'bars', venue, symbol, timeframe, start_time_ns, 0
FROM bars ORDER BY venue, symbol, timeframe, start_time_ns DESC;

ALTER TABLE trades DROP CONSTRAINT trades_pkey;
ALTER TABLE quotes DROP CONSTRAINT quotes_pkey;
ALTER TABLE book_top DROP CONSTRAINT book_top_pkey;
ALTER TABLE features DROP CONSTRAINT features_pkey;
ALTER TABLE bars DROP CONSTRAINT bars_pkey;
