-- Full-text search that works for Chinese (issue 6). pg_trgm ships with PostgreSQL and PGlite.
-- Chinese has no spaces and most words are two characters long, which pg_trgm cannot index
-- (a LIKE pattern needs three characters to yield a trigram). Queries of three characters or
-- more use the trigram indexes; two-character queries use an index of character bigrams.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE OR REPLACE FUNCTION huixin_bigrams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT ARRAY(SELECT DISTINCT substr(lower(t), i, 2) FROM generate_series(1, char_length(t) - 1) AS i) $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION huixin_contact_text(name text, unit text, phone text, email text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(name, '') || ' ' || coalesce(unit, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(email, '') $$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_content_trgm_idx" ON "messages" USING gin ("content" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_content_bigram_idx" ON "messages" USING gin (huixin_bigrams("content"));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_created_idx" ON "messages" USING btree ("created_at" DESC, "id" DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_search_trgm_idx" ON "contacts" USING gin (huixin_contact_text("name", "unit", "phone", "email") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_search_bigram_idx" ON "contacts" USING gin (huixin_bigrams(huixin_contact_text("name", "unit", "phone", "email")));
