CREATE TABLE IF NOT EXISTS audit_checkpoint (
  tree_size BIGINT NOT NULL,
  key_name VARCHAR(128) NOT NULL,
  note VARCHAR(4096) NOT NULL,
  PRIMARY KEY (tree_size, key_name)
)
