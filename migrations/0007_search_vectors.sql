-- Full-text search (issue 15): one generated tsvector per searchable table, English stemming,
-- so every write of the extractor (and of comments and titles) keeps it current with no extra code.
-- The block's own text weighs A, its other words (measure, goal, success criteria...) B.
-- These columns are deliberately not in the drizzle schema: `select()` of a block table (the
-- extractor's hot path) then never reads them back. server/search/vectors.ts names them.
ALTER TABLE "priorities" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "text"), 'A')) STORED;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "text"), 'A') || setweight(to_tsvector('english'::regconfig, "measure" || ' ' || "baseline" || ' ' || "goal" || ' ' || "current"), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "text"), 'A') || setweight(to_tsvector('english'::regconfig, "success_criteria" || ' ' || "cost"), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "judgements" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "text"), 'A')) STORED;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "text"), 'A')) STORED;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "title"), 'A')) STORED;--> statement-breakpoint
ALTER TABLE "comment_threads" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "quote"), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "body"), 'A')) STORED;--> statement-breakpoint
CREATE INDEX "priorities_search_idx" ON "priorities" USING gin ("search") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "targets_search_idx" ON "targets" USING gin ("search") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "actions_search_idx" ON "actions" USING gin ("search") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "judgements_search_idx" ON "judgements" USING gin ("search") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "findings_search_idx" ON "findings" USING gin ("search") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin ("search");--> statement-breakpoint
CREATE INDEX "comment_threads_search_idx" ON "comment_threads" USING gin ("search");--> statement-breakpoint
CREATE INDEX "comments_search_idx" ON "comments" USING gin ("search") WHERE deleted_at IS NULL;
