import { lifecycleSuite } from "./suite-lifecycle";
import { targets } from "./targets";

// One suite, run against every target: the sandbox always, a real gateway when configured (else skipped).
for (const target of targets) lifecycleSuite(target);
