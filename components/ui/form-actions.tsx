import { Button, LinkButton } from "./button";

/** A form's closing row: the submit button (its label says what is happening while pending) and a Cancel link. */
export function FormActions({
  label,
  pendingLabel,
  pending,
  disabled,
  cancelHref,
}: {
  label: string;
  pendingLabel: string;
  pending: boolean;
  disabled?: boolean;
  cancelHref: string;
}) {
  return (
    <div className="flex items-center gap-2">
      <Button type="submit" disabled={pending || disabled}>
        {pending ? pendingLabel : label}
      </Button>
      <LinkButton href={cancelHref} variant="secondary">
        Cancel
      </LinkButton>
    </div>
  );
}
