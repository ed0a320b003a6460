DROP INDEX "incidents_school_status_idx";--> statement-breakpoint
DROP INDEX "incidents_reporter_idx";--> statement-breakpoint
CREATE INDEX "incidents_school_status_due_idx" ON "incidents" USING btree ("school_id","status","due_at");--> statement-breakpoint
CREATE INDEX "incidents_school_created_idx" ON "incidents" USING btree ("school_id","created_at");--> statement-breakpoint
CREATE INDEX "incidents_reporter_created_idx" ON "incidents" USING btree ("reporter_account_id","created_at");