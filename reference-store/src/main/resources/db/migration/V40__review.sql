-- Walk-out receipts held for a person: a session whose cart attribution was ambiguous is not
-- captured at exit; its entry hold stays in place until staff approve, adjust or void the basket
-- (or the review deadline applies the store's default decision). One row per held session.
--   state: PENDING (waiting for staff), DECIDED (decision recorded, capture in flight),
--          DONE (captured or released; outcome says which)
--   seen_lines / lines: JSON arrays of {"lane":..., "qty":...} (as the store saw the cart, and as
--          decided)
CREATE TABLE reviews (
  session_id   VARCHAR(64) PRIMARY KEY,
  state        VARCHAR(16) NOT NULL,
  held_ms      BIGINT NOT NULL,
  due_ms       BIGINT NOT NULL,
  seen_minor   BIGINT NOT NULL,
  seen_lines   TEXT NOT NULL,
  decision     VARCHAR(16),
  decided_by   VARCHAR(64),
  decided_ms   BIGINT,
  lines        TEXT,
  total_minor  BIGINT,
  outcome      VARCHAR(128)
);
CREATE INDEX reviews_state ON reviews (state, due_ms);
