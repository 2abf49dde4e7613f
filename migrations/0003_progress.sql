CREATE TABLE "actions" (
	"document_id" uuid NOT NULL,
	"block_key" text NOT NULL,
	"block_id" text,
	"school_id" uuid NOT NULL,
	"position" double precision NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"placeholder" boolean DEFAULT false NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"priority_key" text,
	"target_key" text,
	"finding_id" uuid,
	"area" text,
	"owners" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"start" date,
	"due" date,
	"rag" text DEFAULT 'none' NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"cost" text DEFAULT '' NOT NULL,
	"success_criteria" text DEFAULT '' NOT NULL,
	CONSTRAINT "actions_document_id_block_key_pk" PRIMARY KEY("document_id","block_key")
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"document_id" uuid NOT NULL,
	"block_key" text NOT NULL,
	"block_id" text,
	"school_id" uuid NOT NULL,
	"position" double precision NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"placeholder" boolean DEFAULT false NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"area" text,
	"kind" text DEFAULT 'development' NOT NULL,
	CONSTRAINT "findings_document_id_block_key_pk" PRIMARY KEY("document_id","block_key")
);
--> statement-breakpoint
CREATE TABLE "judgements" (
	"document_id" uuid NOT NULL,
	"block_key" text NOT NULL,
	"block_id" text,
	"school_id" uuid NOT NULL,
	"position" double precision NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"placeholder" boolean DEFAULT false NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"framework" text,
	"area" text,
	"grade" text,
	"graded_at" timestamp with time zone,
	CONSTRAINT "judgements_document_id_block_key_pk" PRIMARY KEY("document_id","block_key")
);
--> statement-breakpoint
CREATE TABLE "priorities" (
	"document_id" uuid NOT NULL,
	"block_key" text NOT NULL,
	"block_id" text,
	"school_id" uuid NOT NULL,
	"position" double precision NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"placeholder" boolean DEFAULT false NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"area" text,
	CONSTRAINT "priorities_document_id_block_key_pk" PRIMARY KEY("document_id","block_key")
);
--> statement-breakpoint
CREATE TABLE "status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"block_key" text NOT NULL,
	"block_id" text,
	"block_type" text NOT NULL,
	"field" text NOT NULL,
	"old_value" text,
	"new_value" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"document_id" uuid NOT NULL,
	"block_key" text NOT NULL,
	"block_id" text,
	"school_id" uuid NOT NULL,
	"position" double precision NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"placeholder" boolean DEFAULT false NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"priority_key" text,
	"area" text,
	"measure" text DEFAULT '' NOT NULL,
	"baseline" text DEFAULT '' NOT NULL,
	"goal" text DEFAULT '' NOT NULL,
	"current" text DEFAULT '' NOT NULL,
	"due" date,
	"owners" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"rag" text DEFAULT 'none' NOT NULL,
	"outcome" text,
	CONSTRAINT "targets_document_id_block_key_pk" PRIMARY KEY("document_id","block_key")
);
--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priorities" ADD CONSTRAINT "priorities_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priorities" ADD CONSTRAINT "priorities_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_history" ADD CONSTRAINT "status_history_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_history" ADD CONSTRAINT "status_history_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actions_dashboard_idx" ON "actions" USING btree ("school_id","rag","status","due","area","document_id") WHERE deleted_at IS NULL AND NOT placeholder;--> statement-breakpoint
CREATE INDEX "actions_owners_idx" ON "actions" USING gin ("owners") WHERE deleted_at IS NULL AND NOT placeholder;--> statement-breakpoint
CREATE INDEX "actions_school_idx" ON "actions" USING btree ("school_id","updated_at");--> statement-breakpoint
CREATE INDEX "findings_school_idx" ON "findings" USING btree ("school_id","updated_at");--> statement-breakpoint
CREATE INDEX "judgements_latest_idx" ON "judgements" USING btree ("school_id","framework","area","graded_at") WHERE deleted_at IS NULL AND grade IS NOT NULL;--> statement-breakpoint
CREATE INDEX "judgements_school_idx" ON "judgements" USING btree ("school_id","updated_at");--> statement-breakpoint
CREATE INDEX "priorities_school_idx" ON "priorities" USING btree ("school_id","updated_at");--> statement-breakpoint
CREATE INDEX "status_history_block_idx" ON "status_history" USING btree ("document_id","block_key","field","changed_at");--> statement-breakpoint
CREATE INDEX "status_history_school_idx" ON "status_history" USING btree ("school_id","block_type","field","changed_at");--> statement-breakpoint
CREATE INDEX "targets_school_live_idx" ON "targets" USING btree ("school_id","rag","area") WHERE deleted_at IS NULL AND NOT placeholder;--> statement-breakpoint
CREATE INDEX "targets_school_idx" ON "targets" USING btree ("school_id","updated_at");