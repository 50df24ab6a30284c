CREATE TABLE "boarding_applications" (
	"partner_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_by_user_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"dba_name" text DEFAULT '' NOT NULL,
	"owner_email" text,
	"gateway" text DEFAULT 'cardpointe' NOT NULL,
	"draft" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"copilot_merchant_id" text,
	"signature_url" text,
	"mid" text,
	"merchant_id" uuid,
	"submitted_at" timestamp with time zone,
	"signature_sent_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	"boarded_at" timestamp with time zone,
	"live_at" timestamp with time zone,
	"provisioned_at" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "boarding_applications_partner_id_id_pk" PRIMARY KEY("partner_id","id")
);
--> statement-breakpoint
CREATE TABLE "partner_integrations" (
	"partner_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"environment" text NOT NULL,
	"credentials_enc" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_integrations_partner_id_provider_environment_pk" PRIMARY KEY("partner_id","provider","environment")
);
--> statement-breakpoint
CREATE TABLE "password_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"purpose" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "boarding_applications" ADD CONSTRAINT "boarding_applications_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boarding_applications" ADD CONSTRAINT "boarding_applications_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boarding_applications" ADD CONSTRAINT "boarding_applications_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_integrations" ADD CONSTRAINT "partner_integrations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_tokens" ADD CONSTRAINT "password_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "boarding_applications_partner_id_status_index" ON "boarding_applications" USING btree ("partner_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "boarding_applications_merchant_id_index" ON "boarding_applications" USING btree ("merchant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "password_tokens_token_hash_index" ON "password_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "password_tokens_user_id_index" ON "password_tokens" USING btree ("user_id");