CREATE TABLE "staff_money_out" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"merchant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"state" text DEFAULT 'reserved' NOT NULL,
	"intent_key" text,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"key" text PRIMARY KEY NOT NULL,
	"holder" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "form_intents" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_intents_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
ALTER TABLE "staff_money_out" ADD CONSTRAINT "staff_money_out_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_money_out" ADD CONSTRAINT "staff_money_out_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_money_out_merchant_id_user_id_created_at_index" ON "staff_money_out" USING btree ("merchant_id","user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_money_out_merchant_id_intent_key_index" ON "staff_money_out" USING btree ("merchant_id","intent_key") WHERE state <> 'released';--> statement-breakpoint
-- hand-written: the staff money-out limit used to be counted from the audit log; carry the last 24 hours over so an
-- upgrade does not hand every staff member a fresh allowance.
INSERT INTO "staff_money_out" ("merchant_id", "user_id", "kind", "amount", "state", "reference", "created_at", "updated_at")
SELECT a."merchant_id", a."actor_user_id",
       CASE WHEN a."action" = 'transaction.reverse' THEN 'reverse' ELSE 'refund' END,
       (a."after"->>'refundAmount')::bigint, 'done', a."after"->>'refundTransactionId', a."at", a."at"
FROM "audit_log" a
WHERE a."action" IN ('transaction.refund', 'transaction.reverse') AND a."after" ? 'refundAmount'
  AND a."at" > now() - interval '24 hours' AND a."merchant_id" IS NOT NULL AND a."actor_user_id" IS NOT NULL
  AND EXISTS (SELECT 1 FROM "users" u WHERE u."id" = a."actor_user_id")
  AND EXISTS (SELECT 1 FROM "merchants" m WHERE m."id" = a."merchant_id");
--> statement-breakpoint
-- hand-written: session rotation on a privilege change. A membership's role or scope changing, a membership being
-- removed, or a partner agent losing an assigned merchant ends that user's sessions (users.session_version moves on,
-- the guard refuses older cookies), whichever code path changed the row. A new membership (an invitation to another
-- merchant) does not.
CREATE OR REPLACE FUNCTION rotate_sessions_on_privilege_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "users" SET "session_version" = "session_version" + 1 WHERE "id" = OLD."user_id";
  ELSE
    UPDATE "users" SET "session_version" = "session_version" + 1 WHERE "id" IN (OLD."user_id", NEW."user_id");
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "memberships_rotate_sessions_update" AFTER UPDATE ON "memberships"
  FOR EACH ROW WHEN (OLD."role" IS DISTINCT FROM NEW."role" OR OLD."user_id" IS DISTINCT FROM NEW."user_id"
    OR OLD."merchant_id" IS DISTINCT FROM NEW."merchant_id" OR OLD."partner_id" IS DISTINCT FROM NEW."partner_id")
  EXECUTE FUNCTION rotate_sessions_on_privilege_change();
--> statement-breakpoint
CREATE TRIGGER "memberships_rotate_sessions_delete" AFTER DELETE ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION rotate_sessions_on_privilege_change();
--> statement-breakpoint
CREATE TRIGGER "agent_assignments_rotate_sessions" AFTER DELETE ON "agent_assignments"
  FOR EACH ROW EXECUTE FUNCTION rotate_sessions_on_privilege_change();
