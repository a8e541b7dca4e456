-- The usage ledger serves every capability (embedding, rerank, chat): rows are keyed by capability too, and count
-- output tokens (chat) beside input tokens. Changing a primary key needs a table rebuild on SQLite (its ALTER TABLE
-- cannot), so both databases run the same rebuild: a new table, the old rows copied in (all of them embeddings, with
-- no output tokens), the old table dropped, the new one renamed. Flyway runs this in one transaction on both.
-- The primary key is named explicitly so that PostgreSQL's name for it does not depend on the rename.

CREATE TABLE usage_ledger_v2 (
    day               VARCHAR(10)  NOT NULL,
    capability        VARCHAR(20)  NOT NULL,
    provider          VARCHAR(200) NOT NULL,
    model             VARCHAR(200) NOT NULL,
    api_key           VARCHAR(64)  NOT NULL,
    requests          BIGINT       NOT NULL,
    calls             BIGINT       NOT NULL,
    input_tokens      BIGINT       NOT NULL,
    output_tokens     BIGINT       NOT NULL,
    cost_nano_usd     BIGINT       NOT NULL,
    cache_hits        BIGINT       NOT NULL,
    tokens_saved      BIGINT       NOT NULL,
    saved_nano_usd    BIGINT       NOT NULL,
    CONSTRAINT usage_ledger_by_capability PRIMARY KEY (day, capability, provider, model, api_key)
);

INSERT INTO usage_ledger_v2 (day, capability, provider, model, api_key, requests, calls, input_tokens,
                             output_tokens, cost_nano_usd, cache_hits, tokens_saved, saved_nano_usd)
SELECT day, 'embedding', provider, model, api_key, requests, calls, tokens, 0, cost_nano_usd, cache_hits,
       tokens_saved, saved_nano_usd
FROM usage_ledger;

DROP TABLE usage_ledger;

ALTER TABLE usage_ledger_v2 RENAME TO usage_ledger;
