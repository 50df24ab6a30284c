import type { FieldErrors } from "@/lib/action-result";
import { Field } from "@/components/ui/field";

/** "A current code, or your password": what disabling MFA or regenerating recovery codes asks for. */
export function StepUpFields({ prefix, fe }: { prefix: string; fe?: FieldErrors }) {
  return (
    <div className="grid max-w-xl gap-3 sm:grid-cols-2">
      <Field
        name="code"
        id={`${prefix}-code`}
        label="Authentication code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={40}
        errors={fe?.code}
      />
      <Field
        name="password"
        id={`${prefix}-password`}
        label="or your password"
        type="password"
        autoComplete="current-password"
        errors={fe?.current ?? fe?.password}
      />
    </div>
  );
}
