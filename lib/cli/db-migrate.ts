import { prepareRuntime } from "./runtime";

const rt = await prepareRuntime({ seed: false });
console.log("Migrations applied.");
await rt.stop();
