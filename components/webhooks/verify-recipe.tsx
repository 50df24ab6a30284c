import { Card } from "@/components/ui/card";

/** How a merchant's receiver verifies our requests (the same recipe as docs/webhooks.md). */
export const VERIFY_SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the request body exactly as received (a string, before JSON.parse)
export function verifyWebhookSignature({ body, timestamp, signature, secret, toleranceSeconds = 300 }) {
  if (!timestamp || !signature || !/^\\d+$/.test(timestamp)) return false;
  const now = Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > toleranceSeconds) return false; // replayed or clock far off
  const expected = createHmac("sha256", secret).update(\`\${timestamp}.\${body}\`).digest();
  return signature.split(",").some((part) => {
    const [v, hex] = part.trim().split("=");
    const got = Buffer.from(hex ?? "", "hex");
    return v === "v1" && got.length === expected.length && timingSafeEqual(got, expected);
  });
}

// verifyWebhookSignature({ body: rawBody, timestamp: req.headers["portal-timestamp"],
//   signature: req.headers["portal-signature"], secret: process.env.PORTAL_WEBHOOK_SECRET })
// Then skip the event if you have already processed req.headers["portal-event-id"].`;

export function VerifyRecipe() {
  return (
    <Card
      title="Verifying our requests"
      description="Every event is a JSON POST signed with your endpoint's secret. Check it before you act on it."
    >
      <div className="space-y-3 text-sm text-slate-700">
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <code className="font-mono text-xs">Portal-Event-Id</code> — the event id. It stays the same on every retry
            and resend: remember the ids you processed and ignore repeats (delivery is at least once).
          </li>
          <li>
            <code className="font-mono text-xs">Portal-Timestamp</code> — when this attempt was signed, in Unix seconds.
          </li>
          <li>
            <code className="font-mono text-xs">Portal-Signature</code> — <code className="font-mono text-xs">v1=</code>{" "}
            followed by the HMAC-SHA256 (hex) of{" "}
            <code className="font-mono text-xs">timestamp + &quot;.&quot; + raw body</code>, keyed by the secret. During
            a secret rotation there is one <code className="font-mono text-xs">v1=</code> per secret, comma-separated.
          </li>
        </ul>
        <p>
          Reject the request if no signature matches, or if the timestamp is more than 5 minutes from your clock — that
          stops a captured request from being replayed later. Answer with any 2xx status within 10 seconds; anything
          else is retried.
        </p>
        <pre
          tabIndex={0}
          role="region"
          aria-label="Verification code example"
          className="overflow-x-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100"
        >
          {VERIFY_SNIPPET}
        </pre>
      </div>
    </Card>
  );
}
