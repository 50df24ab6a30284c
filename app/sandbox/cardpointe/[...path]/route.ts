import { sandboxRoute } from "@/lib/sandbox/mount";
import { handler } from "@/lib/sandbox/cardpointe";
export const dynamic = "force-dynamic";
export const { GET, POST, PUT, PATCH, DELETE } = sandboxRoute(handler);
