-- The vector memory on PostgreSQL + pgvector (PgVectorMemoryStore), with its own Flyway history
-- (flyway_memory_history), so that SQLite deployments never see this SQL. The pgvector extension must exist and its
-- schema be on the search_path. One vector table per embedding space (memory_vectors_N) is created by the store when
-- the space is added: its column type depends on the space's dimensions, so it is not a migration.

-- Memories: text with metadata in a namespace. Ids and namespaces compare bytewise (COLLATE "C"), so that the pending
-- scan's (namespace, id) order is the same on every server whatever its locale.
CREATE TABLE memories (
    namespace    text COLLATE "C" NOT NULL,
    id           text COLLATE "C" NOT NULL,
    content      text             NOT NULL,
    metadata     jsonb            NOT NULL,
    importance   double precision NOT NULL CHECK (importance BETWEEN 0 AND 1),
    created_at   timestamptz      NOT NULL,
    updated_at   timestamptz      NOT NULL,
    content_hash text             NOT NULL,
    search       tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
    PRIMARY KEY (namespace, id)
);
CREATE INDEX memories_search ON memories USING gin (search);
-- jsonb_path_ops serves @>, the form every equality and $in filter takes.
CREATE INDEX memories_metadata ON memories USING gin (metadata jsonb_path_ops);
-- Recall by importance when no query vector can be had.
CREATE INDEX memories_by_importance ON memories (namespace, importance DESC, updated_at DESC);

-- Numbers for the vector tables' names: memory_vectors_1, memory_vectors_2, ...
CREATE SEQUENCE memory_space_tables;

-- The embedding spaces and their vector tables, with the HNSW settings their index was built with.
CREATE TABLE memory_spaces (
    space           text PRIMARY KEY,
    table_name      text        NOT NULL UNIQUE CHECK (table_name ~ '^memory_vectors_[0-9]+$'),
    dimensions      integer     NOT NULL CHECK (dimensions > 0),
    vector_type     text        NOT NULL CHECK (vector_type IN ('vector', 'halfvec')),
    m               integer     NOT NULL,
    ef_construction integer     NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Each namespace's active space: the one recall embeds queries in and the background worker fills.
CREATE TABLE memory_namespaces (
    namespace    text COLLATE "C" PRIMARY KEY,
    active_space text NOT NULL REFERENCES memory_spaces (space)
);

-- Deletes the vectors of the given memories (parallel arrays) in every space's table but kept_table (null: in every
-- one); only the degraded ones when only_degraded. Reads the registry itself, so that a space another gateway
-- instance added a moment ago is not missed.
CREATE FUNCTION memory_drop_vectors(namespaces text[], ids text[], kept_table text, only_degraded boolean)
    RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    vector_table text;
BEGIN
    FOR vector_table IN
        SELECT s.table_name FROM memory_spaces s WHERE kept_table IS NULL OR s.table_name <> kept_table
    LOOP
        EXECUTE format('DELETE FROM %I v USING unnest($1::text[], $2::text[]) AS d(namespace, id) '
                       'WHERE v.namespace = d.namespace AND v.memory_id = d.id AND (v.degraded OR NOT $3)',
                       vector_table)
            USING namespaces, ids, only_degraded;
    END LOOP;
END
$$;

-- For callers that query the database directly (the Supabase RPC style): the k memories nearest to query_vector in
-- one space (only its own table is searched), within one namespace unless within_namespace is null, whose metadata
-- contains filter (jsonb @>), most similar first, with their cosine similarity. The HNSW scan goes on until k rows
-- pass the filter (iterative scan, relaxed order, re-sorted here); hnsw.ef_search is the caller's.
CREATE FUNCTION match_memories(space text, query_vector vector, k integer, filter jsonb DEFAULT '{}',
                               within_namespace text DEFAULT NULL)
    RETURNS TABLE (id text, namespace text, content text, metadata jsonb, similarity double precision)
    LANGUAGE plpgsql
    STABLE
    SET hnsw.iterative_scan = relaxed_order
AS $$
DECLARE
    target memory_spaces%ROWTYPE;
BEGIN
    SELECT * INTO target FROM memory_spaces s WHERE s.space = match_memories.space;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown space: %', match_memories.space USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY EXECUTE format(
        'WITH nearest AS MATERIALIZED ('
        '    SELECT v.namespace, v.memory_id, v.embedding <=> $1::%s AS distance'
        '    FROM %I v JOIN memories m ON m.namespace = v.namespace AND m.id = v.memory_id'
        '    WHERE ($4::text IS NULL OR v.namespace = $4) AND m.metadata @> $3'
        '    ORDER BY distance LIMIT $2)'
        ' SELECT m.id::text, m.namespace::text, m.content, m.metadata, 1 - n.distance'
        ' FROM nearest n JOIN memories m ON m.namespace = n.namespace AND m.id = n.memory_id'
        ' ORDER BY n.distance, m.namespace, m.id',
        CASE target.vector_type WHEN 'halfvec' THEN 'halfvec' ELSE 'vector' END, target.table_name)
        USING query_vector, k, coalesce(filter, '{}'::jsonb), within_namespace;
END
$$;
