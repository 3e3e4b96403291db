-- The features table holds every value of a symbol's feature snapshot, not only the first eight: a research query
-- should not need the node. NULL in rows written before this migration; NaN where a value is undefined, as before.
-- The best quotes are in book_top, sampled by the same rule; realized volatility is sqrt(realized_variance).
ALTER TABLE features
    ADD COLUMN ready                       integer,          -- FeatureReadiness flags: 1 OFI, 2 multi-level OFI, 4 post-trade spreads, 8 VPIN, 16 Kyle's lambda, 32 realized variance, 64 trade intensity
    ADD COLUMN quoted_spread               bigint,           -- ask - bid, raw price units
    ADD COLUMN estimated_microprice        double precision, -- Stoikov (2018), NaN without a fitted table
    ADD COLUMN depth_imbalance_over_levels double precision,
    ADD COLUMN ofi_last_event              bigint,
    ADD COLUMN ofi_over_clock              bigint,
    ADD COLUMN last_trade_sign             smallint,         -- +1 buy, -1 sell, 0 unknown
    ADD COLUMN last_effective_spread       double precision,
    ADD COLUMN mean_effective_spread       double precision,
    ADD COLUMN last_realized_spread        double precision,
    ADD COLUMN mean_realized_spread        double precision,
    ADD COLUMN last_price_impact           double precision,
    ADD COLUMN mean_price_impact           double precision,
    ADD COLUMN trades_per_second           double precision,
    ADD COLUMN quote_updates_per_second    double precision,
    ADD COLUMN hawkes_trade_intensity      double precision; -- NaN when not configured
