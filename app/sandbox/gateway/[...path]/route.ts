import { sandboxRoute } from "@/lib/sandbox/mount";
import { handler } from "@/lib/sandbox/gateway";

export const dynamic = "force-dynamic";
export const { GET, POST, PUT, PATCH, DELETE } = sandboxRoute(handler);
