import { sandboxRoute } from "@portal/sandbox/mount";
import { handler } from "@portal/sandbox/giftcard";

export const dynamic = "force-dynamic";
export const { GET, POST, PUT, PATCH, DELETE } = sandboxRoute(handler);
