-- The store's privacy records next to sdk-privacy's audit_log (V30).
-- One random pseudonym per shopper: the audit log names shoppers only by it, so erasing a
-- shopper deletes this row and leaves the (unchangeable) audit entries unlinkable.
CREATE TABLE audit_pseudonyms (
  pseudonym   VARCHAR(64) PRIMARY KEY,
  shopper_ref VARCHAR(64) NOT NULL UNIQUE,
  created_ms  BIGINT NOT NULL
);

-- Signed checkpoints (C2SP signed notes) of the audit log, newest last.
CREATE TABLE audit_checkpoints (
  tree_size  BIGINT NOT NULL,
  signed_ms  BIGINT NOT NULL,
  key_name   VARCHAR(128) NOT NULL,
  note       VARCHAR(4096) NOT NULL,
  PRIMARY KEY (tree_size, key_name)
);

-- What retention runs did.
CREATE TABLE retention_runs (
  run_ms     BIGINT PRIMARY KEY,
  deleted    INTEGER NOT NULL,
  held       INTEGER NOT NULL,
  unmanaged  INTEGER NOT NULL,
  failures   VARCHAR(4000) NOT NULL
);
