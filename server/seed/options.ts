/** How the demo seed fills documents: with the demo content a real school would have written. */
import { writeDemoContent } from "./demoContent.js";
import type { SeedOptions } from "./seedDemo.js";

export function demoSeedOptions(): SeedOptions {
  return { writeContent: writeDemoContent };
}
