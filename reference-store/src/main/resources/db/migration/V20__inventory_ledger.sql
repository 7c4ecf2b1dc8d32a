-- sdk-inventory's event-sourced ledger (JdbcLedgerStore): one row per LedgerEntry, in sequence
-- order. Replaces stock_ledger, whose rows are carried over; lanes.on_hand stays as the
-- projection posted in the same transaction as each entry.
CREATE TABLE inventory_ledger (
  seq           BIGINT PRIMARY KEY,
  source_event  VARCHAR(128) NOT NULL,
  entry_type    VARCHAR(16) NOT NULL,
  store_id      VARCHAR(64) NOT NULL,
  location_kind VARCHAR(16) NOT NULL,
  location      VARCHAR(64) NOT NULL,
  sku           VARCHAR(64) NOT NULL,
  lot_code      VARCHAR(20),
  lot_expiry    VARCHAR(10),
  quantity      BIGINT NOT NULL,
  reason        VARCHAR(500) NOT NULL,
  occurred_ms   BIGINT NOT NULL
);
CREATE INDEX inventory_ledger_source ON inventory_ledger (source_event);
CREATE INDEX inventory_ledger_location ON inventory_ledger (location);

-- Rows of the old ledger: the store id is filled in when the store next loads its planogram.
INSERT INTO inventory_ledger (seq, source_event, entry_type, store_id, location_kind, location,
    sku, quantity, reason, occurred_ms)
SELECT ROW_NUMBER() OVER (ORDER BY e.at_ms, e.entry_id), e.ref || '@' || e.lane_id,
    CASE e.reason WHEN 'INITIAL' THEN 'RECEIPT' WHEN 'RESTOCK' THEN 'RECEIPT'
      WHEN 'ADJUST' THEN 'ADJUSTMENT' ELSE e.reason END,
    'pre-v20', 'SHELF_LANE', e.lane_id, 'gtin:' || l.gtin, e.delta, e.reason || ' by ' || e.actor, e.at_ms
FROM stock_ledger e JOIN lanes l ON l.lane_id = e.lane_id
WHERE LENGTH(e.ref) + LENGTH(e.lane_id) < 128;
