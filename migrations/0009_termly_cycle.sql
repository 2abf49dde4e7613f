CREATE TABLE "calendar_half_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"academic_year" text NOT NULL,
	"school_id" uuid,
	"half_term" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flag_acknowledgements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"facts" text NOT NULL,
	"note" text NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_roll_forwards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_document_id" uuid NOT NULL,
	"to_document_id" uuid NOT NULL,
	"carried" integer NOT NULL,
	"closed" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "plan_roll_forwards_to_document_id_unique" UNIQUE("to_document_id")
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"review_id" uuid NOT NULL,
	"block_key" text NOT NULL,
	"block_id" text,
	"block_type" text NOT NULL,
	"carried_from" text,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"rag" text NOT NULL,
	"status" text,
	"current" text,
	"outcome" text,
	"due" date,
	"commentary" text DEFAULT '' NOT NULL,
	CONSTRAINT "review_items_review_id_block_key_pk" PRIMARY KEY("review_id","block_key")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"academic_year" text NOT NULL,
	"half_term" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"summary" jsonb NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "trust_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "carried_from" uuid;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "carried_from" uuid;--> statement-breakpoint
ALTER TABLE "calendar_half_terms" ADD CONSTRAINT "calendar_half_terms_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_half_terms" ADD CONSTRAINT "calendar_half_terms_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flag_acknowledgements" ADD CONSTRAINT "flag_acknowledgements_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flag_acknowledgements" ADD CONSTRAINT "flag_acknowledgements_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_roll_forwards" ADD CONSTRAINT "plan_roll_forwards_from_document_id_documents_id_fk" FOREIGN KEY ("from_document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_roll_forwards" ADD CONSTRAINT "plan_roll_forwards_to_document_id_documents_id_fk" FOREIGN KEY ("to_document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_roll_forwards" ADD CONSTRAINT "plan_roll_forwards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_settings" ADD CONSTRAINT "trust_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_trust_uq" ON "calendar_half_terms" USING btree ("academic_year","half_term") WHERE school_id IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_school_uq" ON "calendar_half_terms" USING btree ("academic_year","school_id","half_term") WHERE school_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "flag_acknowledgements_school_idx" ON "flag_acknowledgements" USING btree ("school_id","rule","acknowledged_at");--> statement-breakpoint
CREATE INDEX "plan_roll_forwards_from_idx" ON "plan_roll_forwards" USING btree ("from_document_id");--> statement-breakpoint
CREATE INDEX "review_items_block_idx" ON "review_items" USING btree ("block_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_document_half_term_uq" ON "reviews" USING btree ("document_id","academic_year","half_term");--> statement-breakpoint
CREATE INDEX "reviews_school_idx" ON "reviews" USING btree ("school_id","academic_year","half_term");