import { Alert } from "@/components/ui/alert";

/** A signing secret, shown once (after adding an endpoint or rotating its secret). */
export function SecretNotice({ secret, note }: { secret: string; note?: string }) {
  return (
    <Alert tone="success" title="Copy the signing secret now">
      <p>This is the only time it is shown. Keep it in your receiver&apos;s configuration, not in code.</p>
      <p className="mt-2">
        <code
          data-testid="webhook-secret"
          className="rounded bg-white px-2 py-1 font-mono text-xs break-all select-all"
        >
          {secret}
        </code>
      </p>
      {note ? <p className="mt-2 text-xs">{note}</p> : null}
    </Alert>
  );
}
