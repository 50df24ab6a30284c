import { listUserWorkspaces } from "@/db/queries/memberships";
import { NotFound } from "@/lib/auth/errors";
import { requireSessionUser } from "@/lib/auth/guard";

/** The partner the signed-in user works for (users belong to one partner). NotFound when none. */
export async function currentPartnerId(): Promise<string> {
  const user = await requireSessionUser();
  const ws = await listUserWorkspaces({ userId: user.id });
  const first = ws.partners[0];
  if (!first) throw new NotFound();
  return first.id;
}
