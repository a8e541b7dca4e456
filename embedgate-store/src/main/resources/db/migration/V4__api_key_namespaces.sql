-- A gateway API key may be limited to memory namespaces (tenants or scopes of /v1/memories): their names, one per
-- line (namespaces hold no control characters). NULL: every namespace, as for every key made before this migration.

ALTER TABLE api_keys ADD COLUMN namespaces TEXT;
