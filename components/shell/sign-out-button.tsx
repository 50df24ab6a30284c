"use client";

import { signOutAction } from "@/lib/actions/auth";

export function SignOutButton() {
  return (
    <form
      action={async () => {
        await signOutAction({});
      }}
    >
      <button type="submit" className="text-sm text-slate-600 underline-offset-2 hover:underline">
        Sign out
      </button>
    </form>
  );
}
