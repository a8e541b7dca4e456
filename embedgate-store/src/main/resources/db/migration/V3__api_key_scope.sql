-- Gateway API keys get a scope: 'tenant' keys call the embedding API; 'admin' keys may also read the gateway's
-- status and manage its cache (/status, /admin/...). Keys made before this migration become tenant keys, so no key
-- gains a right it was not given: an operator creates an admin key (embedgate keys create --admin) after upgrading.
-- ADD COLUMN with a constant default fills existing rows the same way on SQLite and PostgreSQL.

ALTER TABLE api_keys ADD COLUMN scope VARCHAR(20) NOT NULL DEFAULT 'tenant';
