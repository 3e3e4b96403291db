-- Multi-level OFI (Xu, Gould & Howison 2019) beside level-1 OFI: one value per level, level 1 first, over the same
-- kind of event window, raw size units; empty before the symbol's first multi-level event (and in rows written
-- before this migration).
ALTER TABLE features ADD COLUMN ofi_by_level bigint[] NOT NULL DEFAULT '{}';
