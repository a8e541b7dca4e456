-- The operational tables, one schema for SQLite (the embedded default) and PostgreSQL: only portable types and
-- statements here (SQLite maps VARCHAR to TEXT, BYTEA keeps blobs as they are, BIGINT to INTEGER).

-- The persistent cache tier: one vector per (space, input type, dimensions, text), keyed by their SHA-256.
CREATE TABLE embedding_cache (
    cache_key  VARCHAR(64)  NOT NULL PRIMARY KEY,
    space_id   VARCHAR(512) NOT NULL,
    tokens     INTEGER      NOT NULL,
    truncated  SMALLINT     NOT NULL,
    vector     BYTEA        NOT NULL,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX embedding_cache_space ON embedding_cache (space_id);
CREATE INDEX embedding_cache_expiry ON embedding_cache (expires_at);

-- Usage per UTC day, provider, model and gateway API key ('' for callers without one). Money in nano-dollars
-- (10^-9 USD), so that sums are exact.
CREATE TABLE usage_ledger (
    day               VARCHAR(10)  NOT NULL,
    provider          VARCHAR(200) NOT NULL,
    model             VARCHAR(200) NOT NULL,
    api_key           VARCHAR(64)  NOT NULL,
    requests          BIGINT       NOT NULL,
    calls             BIGINT       NOT NULL,
    tokens            BIGINT       NOT NULL,
    cost_nano_usd     BIGINT       NOT NULL,
    cache_hits        BIGINT       NOT NULL,
    tokens_saved      BIGINT       NOT NULL,
    saved_nano_usd    BIGINT       NOT NULL,
    PRIMARY KEY (day, provider, model, api_key)
);

-- Gateway API keys, stored as SHA-256 digests of the secret; the secret itself is shown once, at creation.
CREATE TABLE api_keys (
    id                  VARCHAR(64)   NOT NULL PRIMARY KEY,
    name                VARCHAR(200)  NOT NULL,
    key_hash            VARCHAR(64)   NOT NULL UNIQUE,
    created_at          BIGINT        NOT NULL,
    revoked_at          BIGINT,
    allowed_models      VARCHAR(4000),
    requests_per_minute INTEGER,
    daily_budget_nano_usd   BIGINT,
    monthly_budget_nano_usd BIGINT
);
