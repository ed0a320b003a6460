CREATE TYPE "public"."review_event_kind" AS ENUM('requested', 'resubmitted', 'approved', 'changes_requested', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TABLE "review_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"review_id" uuid NOT NULL,
	"kind" "review_event_kind" NOT NULL,
	"actor_account_id" uuid,
	"comment" text,
	"check_id" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "escalations" ALTER COLUMN "reporter_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "escalations" ALTER COLUMN "supervisor_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "reviews" ALTER COLUMN "requester_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "reviews" ALTER COLUMN "supervisor_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "reporter_account_id" uuid;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "messages" jsonb;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "screenshot_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "acknowledged_by" uuid;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "resolved_by" uuid;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "response" text;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "requester_account_id" uuid;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "content" jsonb;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "submitted_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_check_id_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_events_review_idx" ON "review_events" USING btree ("review_id");--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_reporter_account_id_accounts_id_fk" FOREIGN KEY ("reporter_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_acknowledged_by_accounts_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_resolved_by_accounts_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_requester_account_id_accounts_id_fk" FOREIGN KEY ("requester_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "escalations_school_status_idx" ON "escalations" USING btree ("school_id","status");--> statement-breakpoint
CREATE INDEX "reviews_school_status_idx" ON "reviews" USING btree ("school_id","status");--> statement-breakpoint
CREATE INDEX "reviews_post_idx" ON "reviews" USING btree ("post_id");