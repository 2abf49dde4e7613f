/** The template a document row starts from: its kind, on its framework (ofsted-2025 by default). */
import type { DocumentKind } from "../../shared/enums.js";
import { DEFAULT_FRAMEWORK, isFrameworkKey } from "../../shared/frameworks/index.js";
import type { TemplateOptions } from "../../shared/templates/index.js";

export function templateOptions(doc: { kind: string; framework: string | null }): TemplateOptions {
  return { kind: doc.kind as DocumentKind, framework: isFrameworkKey(doc.framework) ? doc.framework : DEFAULT_FRAMEWORK };
}
