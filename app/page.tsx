import { redirect } from "next/navigation";
import { countPendingInvitationsForUser } from "@/db/queries/invitations";
import { listUserWorkspaces } from "@/db/queries/memberships";
import { requireUserPage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

/** Partners land on their portfolio, merchant users on their first merchant. */
export default async function Home() {
  const user = await requireUserPage();
  const ws = await listUserWorkspaces({ userId: user.id });
  if (ws.partners.length > 0) redirect("/partner");
  const first = ws.merchants[0];
  if (first) redirect(`/m/${first.id}`);
  // Invited but not a member anywhere yet (a new account that signed in, or one that declined earlier invitations).
  if ((await countPendingInvitationsForUser({ userId: user.id })) > 0) redirect("/account/invitations");
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">No workspace yet</h1>
      <p className="mt-2 text-slate-600">Your account is not a member of any merchant or partner yet.</p>
    </main>
  );
}
