-- embedded PostgreSQL, run as the superuser at every start (idempotent): the application role owns the schema and
-- every table, view and free-standing sequence in it, so Bella never needs the superuser (older data directories,
-- where the superuser created everything, are handed over the same way)
DO $$
DECLARE
    r record;
BEGIN
    EXECUTE 'ALTER SCHEMA public OWNER TO bella';
    FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND pg_get_userbyid(c.relowner) <> 'bella'
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    LOOP
        IF r.relkind = 'v' THEN
            EXECUTE format('ALTER VIEW %s OWNER TO bella', r.name);
        ELSIF r.relkind = 'm' THEN
            EXECUTE format('ALTER MATERIALIZED VIEW %s OWNER TO bella', r.name);
        ELSIF r.relkind = 'f' THEN
            EXECUTE format('ALTER FOREIGN TABLE %s OWNER TO bella', r.name);
        ELSE
            EXECUTE format('ALTER TABLE %s OWNER TO bella', r.name);
        END IF;
    END LOOP;
    FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> 'bella'
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                               AND d.deptype IN ('a', 'i', 'e'))
    LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNER TO bella', r.name);
    END LOOP;
END
$$
