-- Rollups are derived data (npm run progress:reextract rebuilds them); empty the table so counted_on can be NOT NULL.
DELETE FROM "document_rollups";--> statement-breakpoint
CREATE TABLE "rollup_red_areas" (
	"document_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"block_type" text NOT NULL,
	"area" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "rollup_red_areas_document_id_block_type_area_pk" PRIMARY KEY("document_id","block_type","area")
);
--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "actions_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "actions_red" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "actions_amber" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "actions_green" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "actions_blue" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "actions_none" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "actions_not_started" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "actions_in_progress" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "actions_complete" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "actions_dropped" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "actions_overdue" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "counted_on" date NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "next_due" date;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "targets_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "targets_red" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "targets_amber" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "targets_green" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "targets_blue" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD COLUMN "targets_none" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_red_areas" ADD CONSTRAINT "rollup_red_areas_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_red_areas" ADD CONSTRAINT "rollup_red_areas_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_rollups" DROP COLUMN "actions";--> statement-breakpoint
ALTER TABLE "document_rollups" DROP COLUMN "targets";