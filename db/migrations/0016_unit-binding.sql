ALTER TABLE "unit_people" ADD COLUMN "bound_by_id" uuid;--> statement-breakpoint
ALTER TABLE "unit_people" ADD COLUMN "bound_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "unit_people" ADD COLUMN "created_by_binding" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_people" ADD CONSTRAINT "unit_people_bound_by_id_users_id_fk" FOREIGN KEY ("bound_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;