CREATE TABLE "subscriptions" (
	"merchant_id" uuid NOT NULL,
	"provider_id" text NOT NULL,
	"status" text NOT NULL,
	"plan_id" text,
	"plan_name" text,
	"description" text,
	"customer_id" text NOT NULL,
	"customer_name" text,
	"customer_email" text,
	"payment_method_type" text,
	"payment_method_id" text,
	"billing_address_id" text,
	"shipping_address_id" text,
	"amount" bigint NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"billing_frequency" text NOT NULL,
	"billing_cycle_interval" integer NOT NULL,
	"billing_days" text DEFAULT '' NOT NULL,
	"duration" integer DEFAULT 0 NOT NULL,
	"next_bill_date" date,
	"add_ons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"discounts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"total_add_ons" bigint DEFAULT 0 NOT NULL,
	"total_discounts" bigint DEFAULT 0 NOT NULL,
	"provider_created_at" timestamp with time zone NOT NULL,
	"provider_updated_at" timestamp with time zone NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_merchant_id_provider_id_pk" PRIMARY KEY("merchant_id","provider_id")
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subscriptions_merchant_id_provider_created_at_provider_id_index" ON "subscriptions" USING btree ("merchant_id","provider_created_at" DESC NULLS LAST,"provider_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "subscriptions_merchant_id_status_index" ON "subscriptions" USING btree ("merchant_id","status");--> statement-breakpoint
CREATE INDEX "subscriptions_merchant_id_customer_id_index" ON "subscriptions" USING btree ("merchant_id","customer_id");