-- Time series written by the sinks (FlowSense.Sinks.PostgreSql), not by the journal.
-- Every table is range-partitioned by day on its time column (nanoseconds since the Unix epoch, UTC, the engine's
-- own clock unit, so ITCH nanosecond stamps survive). The sinks create a day's partition before its first row
-- lands; retention drops whole partitions. BRIN indexes on time are tiny and fit data that arrives in time order.
-- Primary keys are the natural keys that make replays idempotent (loads use INSERT ... ON CONFLICT DO NOTHING):
-- an event is identified by instrument, exchange time and the venue's sequence number (codecs number events
-- per instrument in receive order where the venue gives no sequence).

-- Nanoseconds since the epoch as a timestamp (microsecond precision), for ad-hoc queries.
CREATE FUNCTION ns_to_timestamptz(ns bigint) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_timestamp(ns / 1000000000.0);

CREATE TABLE trades (
    venue            text     NOT NULL,
    symbol           text     NOT NULL,
    exchange_time_ns bigint   NOT NULL,
    sequence         bigint   NOT NULL,
    receive_time_ns  bigint   NOT NULL,
    price            bigint   NOT NULL, -- raw fixed-point units of the instrument
    size             bigint   NOT NULL,
    aggressor        smallint NOT NULL, -- 0 unknown, 1 buyer, 2 seller
    conditions       bigint   NOT NULL,
    trade_id         text,
    PRIMARY KEY (venue, symbol, exchange_time_ns, sequence)
) PARTITION BY RANGE (exchange_time_ns);
CREATE INDEX trades_time_brin ON trades USING brin (exchange_time_ns);

CREATE TABLE quotes (
    venue            text   NOT NULL,
    symbol           text   NOT NULL,
    exchange_time_ns bigint NOT NULL,
    sequence         bigint NOT NULL,
    receive_time_ns  bigint NOT NULL,
    bid_price        bigint NOT NULL,
    bid_size         bigint NOT NULL,
    ask_price        bigint NOT NULL,
    ask_size         bigint NOT NULL,
    PRIMARY KEY (venue, symbol, exchange_time_ns, sequence)
) PARTITION BY RANGE (exchange_time_ns);
CREATE INDEX quotes_time_brin ON quotes USING brin (exchange_time_ns);

-- The top N levels of a book after an update, best first; arrays hold N entries per side (fewer if the side is thin).
CREATE TABLE book_top (
    venue            text     NOT NULL,
    symbol           text     NOT NULL,
    exchange_time_ns bigint   NOT NULL,
    sequence         bigint   NOT NULL,
    bid_prices       bigint[] NOT NULL,
    bid_sizes        bigint[] NOT NULL,
    ask_prices       bigint[] NOT NULL,
    ask_sizes        bigint[] NOT NULL,
    PRIMARY KEY (venue, symbol, exchange_time_ns, sequence)
) PARTITION BY RANGE (exchange_time_ns);
CREATE INDEX book_top_time_brin ON book_top USING brin (exchange_time_ns);

-- Microstructure features of an instrument at a point in time; NaN where a value is undefined.
CREATE TABLE features (
    venue               text             NOT NULL,
    symbol              text             NOT NULL,
    time_ns             bigint           NOT NULL,
    mid                 double precision NOT NULL,
    microprice          double precision NOT NULL,
    relative_spread     double precision NOT NULL,
    depth_imbalance     double precision NOT NULL,
    ofi_over_events     bigint           NOT NULL,
    vpin                double precision NOT NULL,
    kyle_lambda         double precision NOT NULL,
    realized_variance   double precision NOT NULL,
    PRIMARY KEY (venue, symbol, time_ns)
) PARTITION BY RANGE (time_ns);
CREATE INDEX features_time_brin ON features USING brin (time_ns);

CREATE TABLE bars (
    venue         text    NOT NULL,
    symbol        text    NOT NULL,
    timeframe     text    NOT NULL, -- '1s', '1m', '1h', '1d', ... or 'tick:100', 'volume:5000'
    start_time_ns bigint  NOT NULL,
    end_time_ns   bigint  NOT NULL,
    open          bigint  NOT NULL,
    high          bigint  NOT NULL,
    low           bigint  NOT NULL,
    close         bigint  NOT NULL,
    volume        bigint  NOT NULL,
    notional      numeric NOT NULL, -- sum of price x size in raw units (exact)
    trade_count   integer NOT NULL,
    PRIMARY KEY (venue, symbol, timeframe, start_time_ns)
) PARTITION BY RANGE (start_time_ns);
CREATE INDEX bars_time_brin ON bars USING brin (start_time_ns);
