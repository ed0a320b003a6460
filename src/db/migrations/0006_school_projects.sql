ALTER TABLE "permissions" ADD COLUMN "project_key" uuid;--> statement-breakpoint
ALTER TABLE "acknowledgements" ADD COLUMN "account_id" uuid;--> statement-breakpoint
ALTER TABLE "protocol_versions" ADD COLUMN "summary" text;--> statement-breakpoint
ALTER TABLE "protocol_versions" ADD COLUMN "published_by" uuid;--> statement-breakpoint
ALTER TABLE "acknowledgements" ADD CONSTRAINT "acknowledgements_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_versions" ADD CONSTRAINT "protocol_versions_published_by_accounts_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "permissions_school_kind_idx" ON "permissions" USING btree ("school_id","kind","ends_at");--> statement-breakpoint
CREATE INDEX "permissions_project_key_idx" ON "permissions" USING btree ("project_key");--> statement-breakpoint
CREATE INDEX "acknowledgements_person_idx" ON "acknowledgements" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "protocol_versions_board_version_key" ON "protocol_versions" USING btree ("board_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "protocol_versions_one_current_key" ON "protocol_versions" USING btree ("board_id") WHERE "protocol_versions"."current";