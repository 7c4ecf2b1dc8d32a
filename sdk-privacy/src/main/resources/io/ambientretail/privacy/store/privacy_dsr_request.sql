CREATE TABLE IF NOT EXISTS privacy_dsr_request (
  id VARCHAR(128) NOT NULL PRIMARY KEY,
  seq BIGINT NOT NULL,
  subject VARCHAR(128) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  regime VARCHAR(128) NOT NULL,
  regime_deadline_seconds BIGINT NOT NULL,
  received_micros BIGINT NOT NULL,
  target_store VARCHAR(256),
  record_id VARCHAR(256),
  field VARCHAR(256),
  new_value TEXT,
  purpose VARCHAR(128),
  state VARCHAR(16) NOT NULL,
  refusal TEXT,
  completed_micros BIGINT,
  proof TEXT
)
