CREATE TABLE "protocol_documents" (
	"version_id" uuid PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"mime" text DEFAULT 'application/pdf' NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "protocol_reminders" (
	"version_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"reminders" integer DEFAULT 0 NOT NULL,
	"last_reminded_at" timestamp with time zone NOT NULL,
	"last_reminded_by" uuid,
	CONSTRAINT "protocol_reminders_version_id_person_id_pk" PRIMARY KEY("version_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "protocol_documents" ADD CONSTRAINT "protocol_documents_version_id_protocol_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."protocol_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_reminders" ADD CONSTRAINT "protocol_reminders_version_id_protocol_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."protocol_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_reminders" ADD CONSTRAINT "protocol_reminders_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_reminders" ADD CONSTRAINT "protocol_reminders_last_reminded_by_accounts_id_fk" FOREIGN KEY ("last_reminded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "protocol_reminders_person_idx" ON "protocol_reminders" USING btree ("person_id");