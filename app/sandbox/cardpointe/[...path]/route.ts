import { sandboxRoute } from "@portal/sandbox/mount";
import { handler } from "@portal/sandbox/cardpointe";
export const dynamic = "force-dynamic";
export const { GET, POST, PUT, PATCH, DELETE } = sandboxRoute(handler);
