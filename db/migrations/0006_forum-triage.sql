ALTER TABLE "forum_private_messages" ALTER COLUMN "conversation_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "forum_posts" ADD COLUMN "to_inbox" boolean DEFAULT false NOT NULL;