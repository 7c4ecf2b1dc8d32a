-- One schema for SQLite and PostgreSQL: portable types only, ids made by the store.
-- The audit trail is store_audit (not sdk-privacy's audit_log): its hashes are base64url so no
-- audit row can look like a card number to the demo's PAN scan.
CREATE TABLE store_meta (
  meta_key   VARCHAR(64) PRIMARY KEY,
  meta_value VARCHAR(512) NOT NULL
);

CREATE TABLE lanes (
  lane_id        VARCHAR(64) PRIMARY KEY,
  shelf_id       VARCHAR(64) NOT NULL,
  gtin           VARCHAR(14) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  price_minor    BIGINT NOT NULL,
  unit_mg        BIGINT NOT NULL,
  capacity       INTEGER NOT NULL,
  on_hand        INTEGER NOT NULL
);

-- The inventory ledger: every change of a lane's stock, idempotent by (ref, lane_id).
CREATE TABLE stock_ledger (
  entry_id  VARCHAR(64) PRIMARY KEY,
  lane_id   VARCHAR(64) NOT NULL,
  delta     INTEGER NOT NULL,
  reason    VARCHAR(16) NOT NULL,
  ref       VARCHAR(128) NOT NULL,
  at_ms     BIGINT NOT NULL,
  actor     VARCHAR(64) NOT NULL,
  UNIQUE (ref, lane_id)
);
CREATE INDEX stock_ledger_at ON stock_ledger (at_ms);

CREATE TABLE sessions (
  session_id       VARCHAR(64) PRIMARY KEY,
  kind             VARCHAR(16) NOT NULL,
  shopper_ref      VARCHAR(64) NOT NULL,
  card_token       VARCHAR(64),
  card_fingerprint VARCHAR(64),
  card_label       VARCHAR(64),
  state            VARCHAR(16) NOT NULL,
  opened_ms        BIGINT NOT NULL,
  closed_ms        BIGINT,
  close_reason     VARCHAR(64),
  auth_ref         VARCHAR(64),
  review           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_state ON sessions (state);

-- What the store believes each shopper holds: one row per pick (+qty) or put-back (-qty).
CREATE TABLE cart_events (
  session_id  VARCHAR(64) NOT NULL,
  seq         INTEGER NOT NULL,
  lane_id     VARCHAR(64) NOT NULL,
  qty         INTEGER NOT NULL,
  weight_mg   BIGINT NOT NULL,
  price_minor BIGINT NOT NULL,
  ambiguous   INTEGER NOT NULL,
  at_ms       BIGINT NOT NULL,
  PRIMARY KEY (session_id, seq)
);

-- The payment journal: one row per operation, idempotent by its key; written PENDING before the
-- acquirer is called, then APPROVED/DECLINED/FAILED.
CREATE TABLE payment_journal (
  entry_id        VARCHAR(64) PRIMARY KEY,
  session_id      VARCHAR(64) NOT NULL,
  op              VARCHAR(16) NOT NULL,
  idem_key        VARCHAR(128) NOT NULL UNIQUE,
  state           VARCHAR(16) NOT NULL,
  amount_minor    BIGINT NOT NULL,
  currency        VARCHAR(3) NOT NULL,
  acquirer_ref    VARCHAR(64),
  card_fingerprint VARCHAR(64),
  created_ms      BIGINT NOT NULL,
  updated_ms      BIGINT NOT NULL
);
CREATE INDEX payment_journal_session ON payment_journal (session_id);

CREATE TABLE receipts (
  receipt_id    VARCHAR(64) PRIMARY KEY,
  session_id    VARCHAR(64) NOT NULL UNIQUE,
  shopper_ref   VARCHAR(64) NOT NULL,
  total_minor   BIGINT NOT NULL,
  currency      VARCHAR(3) NOT NULL,
  item_count    INTEGER NOT NULL,
  review        INTEGER NOT NULL,
  created_ms    BIGINT NOT NULL,
  body          TEXT NOT NULL
);

CREATE TABLE refunds (
  refund_id     VARCHAR(64) PRIMARY KEY,
  receipt_id    VARCHAR(64) NOT NULL,
  amount_minor  BIGINT NOT NULL,
  currency      VARCHAR(3) NOT NULL,
  reason        VARCHAR(200) NOT NULL,
  operator      VARCHAR(64) NOT NULL,
  state         VARCHAR(16) NOT NULL,
  created_ms    BIGINT NOT NULL
);

CREATE TABLE store_audit (
  seq        BIGINT PRIMARY KEY,
  at_ms      BIGINT NOT NULL,
  actor      VARCHAR(64) NOT NULL,
  action     VARCHAR(64) NOT NULL,
  target     VARCHAR(128) NOT NULL,
  detail     VARCHAR(1000) NOT NULL,
  prev_hash  VARCHAR(64) NOT NULL,
  hash       VARCHAR(64) NOT NULL
);

CREATE TABLE alerts (
  alert_id   VARCHAR(64) PRIMARY KEY,
  kind       VARCHAR(32) NOT NULL,
  subject    VARCHAR(128) NOT NULL,
  message    VARCHAR(500) NOT NULL,
  raised_ms  BIGINT NOT NULL,
  cleared_ms BIGINT
);
CREATE INDEX alerts_open ON alerts (kind, subject, cleared_ms);

CREATE TABLE dsr_requests (
  dsr_id       VARCHAR(64) PRIMARY KEY,
  shopper_ref  VARCHAR(64) NOT NULL,
  kind         VARCHAR(16) NOT NULL,
  state        VARCHAR(16) NOT NULL,
  created_ms   BIGINT NOT NULL,
  completed_ms BIGINT,
  result       TEXT
);

CREATE TABLE consents (
  card_fingerprint VARCHAR(64) NOT NULL,
  purpose          VARCHAR(32) NOT NULL,
  granted          INTEGER NOT NULL,
  at_ms            BIGINT NOT NULL,
  PRIMARY KEY (card_fingerprint, purpose)
);

CREATE TABLE api_tokens (
  token_hash  VARCHAR(64) PRIMARY KEY,
  role        VARCHAR(16) NOT NULL,
  shopper_ref VARCHAR(64),
  created_ms  BIGINT NOT NULL
);

-- The micromarket's door counter: one row per person coming in.
CREATE TABLE door_entries (
  entry_id  VARCHAR(64) PRIMARY KEY,
  at_ms     BIGINT NOT NULL
);
