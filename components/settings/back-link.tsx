import Link from "next/link";

/** The "← Settings & team" link above a settings sub-page's title. */
export function SettingsBackLink({ merchantId }: { merchantId: string }) {
  return (
    <Link href={`/m/${merchantId}/settings`} className="text-brand-700 hover:underline">
      ← Settings & team
    </Link>
  );
}
