CREATE TABLE IF NOT EXISTS privacy_dsr_step (
  request_id VARCHAR(128) NOT NULL,
  step_no INTEGER NOT NULL,
  store VARCHAR(256) NOT NULL,
  done INTEGER NOT NULL,
  records INTEGER NOT NULL,
  error TEXT,
  PRIMARY KEY (request_id, step_no)
)
