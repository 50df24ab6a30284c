CREATE TABLE "customer_addresses" (
	"merchant_id" uuid NOT NULL,
	"customer_id" text NOT NULL,
	"address_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"first_name" text,
	"last_name" text,
	"company" text,
	"line1" text,
	"line2" text,
	"city" text,
	"state" text,
	"postal_code" text,
	"country" text,
	"email" text,
	"phone" text,
	"is_default_billing" boolean DEFAULT false NOT NULL,
	"is_default_shipping" boolean DEFAULT false NOT NULL,
	CONSTRAINT "customer_addresses_merchant_id_customer_id_address_id_pk" PRIMARY KEY("merchant_id","customer_id","address_id")
);
--> statement-breakpoint
CREATE TABLE "customer_payment_methods" (
	"merchant_id" uuid NOT NULL,
	"customer_id" text NOT NULL,
	"payment_method_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"kind" text NOT NULL,
	"card_brand" text,
	"masked" text,
	"last_four" text,
	"expiration" text,
	"account_type" text,
	"is_default" boolean DEFAULT false NOT NULL,
	CONSTRAINT "customer_payment_methods_merchant_id_customer_id_payment_method_id_pk" PRIMARY KEY("merchant_id","customer_id","payment_method_id")
);
--> statement-breakpoint
ALTER TABLE "customer_addresses" ADD CONSTRAINT "customer_addresses_merchant_id_customer_id_customers_merchant_id_provider_id_fk" FOREIGN KEY ("merchant_id","customer_id") REFERENCES "public"."customers"("merchant_id","provider_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_payment_methods" ADD CONSTRAINT "customer_payment_methods_merchant_id_customer_id_customers_merchant_id_provider_id_fk" FOREIGN KEY ("merchant_id","customer_id") REFERENCES "public"."customers"("merchant_id","provider_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_payment_methods_merchant_id_last_four_index" ON "customer_payment_methods" USING btree ("merchant_id","last_four");