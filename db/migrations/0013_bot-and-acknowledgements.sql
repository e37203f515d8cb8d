CREATE TABLE "email_acknowledgements" (
	"inbox_id" uuid NOT NULL,
	"thread_root" text NOT NULL,
	"conversation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_acknowledgements_pk" PRIMARY KEY("inbox_id","thread_root")
);
--> statement-breakpoint
CREATE TABLE "bot_sessions" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"state" jsonb,
	"offered" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"locale" text,
	"off_hours_notice_at" timestamp with time zone,
	"handed_off_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_acknowledgements" ADD CONSTRAINT "email_acknowledgements_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_acknowledgements" ADD CONSTRAINT "email_acknowledgements_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_sessions" ADD CONSTRAINT "bot_sessions_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_acknowledgements_conversation_idx" ON "email_acknowledgements" USING btree ("conversation_id");