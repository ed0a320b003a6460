CREATE TABLE "incident_form_uses" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_tasks" ADD COLUMN "measure_id" uuid;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "removal_outcome" text;--> statement-breakpoint
CREATE INDEX "incident_form_uses_expires_idx" ON "incident_form_uses" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "incident_tasks" ADD CONSTRAINT "incident_tasks_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_people_person_idx" ON "incident_people" USING btree ("person_id","role");--> statement-breakpoint
CREATE INDEX "measures_incident_idx" ON "measures" USING btree ("incident_id");