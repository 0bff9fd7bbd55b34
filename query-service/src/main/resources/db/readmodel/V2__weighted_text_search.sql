-- A full-text query restricted to one weight of the search vector (A: number and title, B: description), so that
-- "title matches x" is one condition on the indexed search vector: the GIN index finds the candidates, the weight
-- is checked on the row, and the planner estimates it from the vector's statistics (a separate to_tsvector(title)
-- check has no statistics and misled plans by orders of magnitude at a million tickets).
CREATE FUNCTION tsquery_in_weight(query tsquery, weight text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT regexp_replace(query::text, '''((?:[^'']|'''')*)''', '''\1'':' || weight, 'g')::tsquery
$$;
