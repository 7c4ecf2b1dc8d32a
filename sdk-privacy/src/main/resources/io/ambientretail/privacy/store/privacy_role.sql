CREATE TABLE IF NOT EXISTS privacy_role (
  actor VARCHAR(256) NOT NULL,
  role VARCHAR(128) NOT NULL,
  PRIMARY KEY (actor, role)
)
