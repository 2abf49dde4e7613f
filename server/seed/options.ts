/** How the demo seed fills documents: each starts from its kind's template. */
import { writeTemplate } from "../../shared/templates/index.js";
import type { SeedOptions } from "./seedDemo.js";

export function demoSeedOptions(): SeedOptions {
  return { writeContent: (doc, ctx) => void writeTemplate(doc, { kind: ctx.kind, framework: ctx.framework }) };
}
