import { sandboxRoute } from "@/lib/sandbox/mount";
import { handler } from "@/lib/sandbox/giftcard";

export const dynamic = "force-dynamic";
export const { GET, POST, PUT, PATCH, DELETE } = sandboxRoute(handler);
