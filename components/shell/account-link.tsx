import Link from "next/link";

/** The user menu's way to the signed-in user's own settings (password, two-factor, sessions). */
export function AccountLink() {
  return (
    <Link href="/account/security" className="text-sm text-slate-600 underline-offset-2 hover:underline">
      Account security
    </Link>
  );
}
