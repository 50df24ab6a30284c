import { signIn } from "./config";

/**
 * Re-issues the current browser's session from a one-time ticket after its session version moved on (password
 * change, MFA enrolment or removal): the new cookie is written on this response. Outside a request (integration
 * tests calling actions directly) there is no browser and nothing to write.
 */
export async function reissueSession(ticket: string): Promise<void> {
  try {
    const { headers } = await import("next/headers");
    await headers();
  } catch {
    return;
  }
  await signIn("credentials", { ticket, redirect: false });
}
