CREATE TYPE "public"."breach_risk" AS ENUM('none', 'low', 'risk', 'high');--> statement-breakpoint
CREATE TYPE "public"."breach_status" AS ENUM('possible', 'registered', 'no_breach', 'closed');--> statement-breakpoint
CREATE TABLE "breach_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"breach_id" uuid NOT NULL,
	"type" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "breaches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"school_ids" uuid[] NOT NULL,
	"status" "breach_status" DEFAULT 'possible' NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"title" text NOT NULL,
	"discovered_at" timestamp with time zone NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"data_categories" text[] DEFAULT '{}' NOT NULL,
	"approx_people" integer,
	"people_ids" uuid[] DEFAULT '{}' NOT NULL,
	"consequences" text DEFAULT '' NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"reported_by" uuid,
	"reported_at" timestamp with time zone NOT NULL,
	"risk" "breach_risk",
	"assessment" text,
	"notify_authority" boolean,
	"inform_people" boolean,
	"no_inform_reason" text,
	"assessed_at" timestamp with time zone,
	"assessed_by" uuid,
	"authority_notified_at" timestamp with time zone,
	"authority_reference" text,
	"late_reason" text,
	"people_informed_at" timestamp with time zone,
	"people_informed_how" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "breach_events" ADD CONSTRAINT "breach_events_breach_id_breaches_id_fk" FOREIGN KEY ("breach_id") REFERENCES "public"."breaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breaches" ADD CONSTRAINT "breaches_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breaches" ADD CONSTRAINT "breaches_reported_by_accounts_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breaches" ADD CONSTRAINT "breaches_assessed_by_accounts_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "breach_events_breach_idx" ON "breach_events" USING btree ("breach_id","id");--> statement-breakpoint
CREATE INDEX "breaches_school_status_idx" ON "breaches" USING btree ("school_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "breaches_source_key" ON "breaches" USING btree ("source","source_ref");