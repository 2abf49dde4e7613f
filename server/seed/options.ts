/** How the demo seed fills documents: with the demo content when the editor's blocks exist. */
import type { SeedOptions } from "./seedDemo.js";

export function demoSeedOptions(): SeedOptions {
  return {};
}
