CREATE TABLE "document_rollups" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"school_id" uuid NOT NULL,
	"actions" jsonb NOT NULL,
	"targets" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_rollups" ADD CONSTRAINT "document_rollups_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_rollups" ADD CONSTRAINT "document_rollups_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_rollups_school_idx" ON "document_rollups" USING btree ("school_id");