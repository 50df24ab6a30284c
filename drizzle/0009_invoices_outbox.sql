CREATE TABLE "invoice_links" (
	"merchant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"invoice_provider_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_links_merchant_id_token_hash_pk" PRIMARY KEY("merchant_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"merchant_id" uuid NOT NULL,
	"provider_id" text NOT NULL,
	"source" text DEFAULT 'gateway' NOT NULL,
	"number" text,
	"status" text NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"customer_id" text,
	"customer_name" text,
	"customer_email" text,
	"customer_phone" text,
	"subtotal" bigint DEFAULT 0 NOT NULL,
	"tax" bigint DEFAULT 0 NOT NULL,
	"shipping" bigint DEFAULT 0 NOT NULL,
	"adjustment" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"amount_paid" bigint DEFAULT 0 NOT NULL,
	"amount_due" bigint DEFAULT 0 NOT NULL,
	"allow_partial_payment" boolean DEFAULT false NOT NULL,
	"payment_methods" text[] DEFAULT '{}'::text[] NOT NULL,
	"transaction_type" text DEFAULT 'sale' NOT NULL,
	"due_at" timestamp with time zone,
	"send_via" text DEFAULT 'none' NOT NULL,
	"sent_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"paid_outside_method" text,
	"paid_outside_note" text,
	"document" jsonb NOT NULL,
	"form" jsonb,
	"provider_created_at" timestamp with time zone NOT NULL,
	"provider_updated_at" timestamp with time zone NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_merchant_id_provider_id_pk" PRIMARY KEY("merchant_id","provider_id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid,
	"channel" text NOT NULL,
	"to" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"topic" text,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoice_links" ADD CONSTRAINT "invoice_links_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_links_token_hash_index" ON "invoice_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invoice_links_merchant_id_invoice_provider_id_index" ON "invoice_links" USING btree ("merchant_id","invoice_provider_id");--> statement-breakpoint
CREATE INDEX "invoices_merchant_id_provider_created_at_provider_id_index" ON "invoices" USING btree ("merchant_id","provider_created_at" DESC NULLS LAST,"provider_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "invoices_merchant_id_status_due_at_index" ON "invoices" USING btree ("merchant_id","status","due_at");--> statement-breakpoint
CREATE INDEX "invoices_merchant_id_number_index" ON "invoices" USING btree ("merchant_id","number");--> statement-breakpoint
CREATE INDEX "invoices_merchant_id_customer_id_index" ON "invoices" USING btree ("merchant_id","customer_id");--> statement-breakpoint
CREATE INDEX "outbox_merchant_id_created_at_index" ON "outbox" USING btree ("merchant_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "outbox_merchant_id_topic_reference_index" ON "outbox" USING btree ("merchant_id","topic","reference");