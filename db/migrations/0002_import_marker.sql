ALTER TABLE "sessions" ADD COLUMN "imported_from_id" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "imported_from_created_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "imported_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "sessions_imported_from_idx" ON "sessions" USING btree ("imported_from_id");