import { prepareRuntimeOrExit } from "./runtime";

const rt = await prepareRuntimeOrExit({ seed: false });
console.log("Migrations applied.");
await rt.stop();
