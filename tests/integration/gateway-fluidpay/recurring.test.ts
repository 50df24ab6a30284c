import { recurringSuite } from "./suite-recurring";
import { targets } from "./targets";

// One suite, run against every target: the sandbox always, a real gateway when configured (else skipped).
for (const target of targets) recurringSuite(target);
