/** The emulators, one Web-standard handler per provider (see docs/sandbox.md). */
export { handler as fluidpay } from "./fluidpay";
export { handler as cardpointe } from "./cardpointe";
export { handler as copilot } from "./copilot";
export { handler as giftcard } from "./giftcard";
