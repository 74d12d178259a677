CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"round_id" text,
	"type" text NOT NULL,
	"payload" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"problem_id" text NOT NULL,
	"source" text NOT NULL,
	"backend" text NOT NULL,
	"adapter" jsonb,
	"verdict" text NOT NULL,
	"result" jsonb NOT NULL,
	"session_id" text,
	"round_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"scenario_id" text NOT NULL,
	"scenario" jsonb NOT NULL,
	"duration_ms" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"started_at" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"remaining_ms" integer,
	"submitted_at" timestamp with time zone,
	"submit_reason" text,
	"answer" jsonb,
	"answer_version" integer DEFAULT 0 NOT NULL,
	"answer_saved_at" timestamp with time zone,
	"score" real,
	"grade" jsonb
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"template_id" text NOT NULL,
	"template_title" text NOT NULL,
	"mode" text NOT NULL,
	"seed" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"decision" text,
	"overall_score" real,
	"debrief" jsonb
);
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel_attempts" ADD CONSTRAINT "kernel_attempts_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel_attempts" ADD CONSTRAINT "kernel_attempts_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_session_idx" ON "events" USING btree ("session_id","id");--> statement-breakpoint
CREATE INDEX "kernel_attempts_problem_idx" ON "kernel_attempts" USING btree ("problem_id","created_at");--> statement-breakpoint
CREATE INDEX "rounds_session_idx" ON "rounds" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "rounds_deadline_idx" ON "rounds" USING btree ("status","deadline_at");--> statement-breakpoint
CREATE INDEX "sessions_created_at_idx" ON "sessions" USING btree ("created_at");