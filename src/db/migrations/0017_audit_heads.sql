CREATE TABLE "audit_heads" (
	"chain" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
-- Every existing chain starts with its newest event as its head.
INSERT INTO "audit_heads" ("chain", "seq", "hash")
SELECT DISTINCT ON (COALESCE("school_id"::text, 'board')) COALESCE("school_id"::text, 'board'), "seq", "hash"
FROM "audit_events"
ORDER BY COALESCE("school_id"::text, 'board'), "seq" DESC;
