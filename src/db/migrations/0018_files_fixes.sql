CREATE UNIQUE INDEX "file_purges_entry_idx" ON "file_purges" USING btree ("entry_id");--> statement-breakpoint
-- Retention dates are computed from the person's current active/left_at (docs/files.md); a date
-- stored at filing could be stale after the person came back, so none is kept.
UPDATE "file_entries" SET "retain_until" = NULL WHERE "retain_until" IS NOT NULL;
