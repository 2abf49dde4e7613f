/** Creates a document row for a school; the collab layer then writes the kind's template into it. */
import { z } from "zod";
import { academicYearSchema, documentKindSchema, termSchema } from "../../shared/enums.js";
import { DEFAULT_FRAMEWORK, FRAMEWORK_KEYS } from "../../shared/frameworks/index.js";
import type { Db } from "../db/client.js";
import { documents } from "../db/schema/index.js";

export const createDocumentSchema = z
  .object({
    schoolId: z.string().uuid(),
    kind: documentKindSchema,
    title: z.string().trim().min(1, "Give the document a title").max(200),
    academicYear: academicYearSchema,
    term: termSchema.nullish(),
    framework: z.enum(FRAMEWORK_KEYS).nullish(),
  })
  .refine((d) => d.kind !== "single_plan" || d.term, { message: "A Single Plan is termly: choose its term", path: ["term"] });

export type CreateDocumentInput = z.infer<typeof createDocumentSchema>;

/** Inserts the document. SEFs (and plans whose areas come from a framework) default to ofsted-2025. */
export async function createDocument(db: Db, input: CreateDocumentInput, createdBy: string) {
  const [row] = await db
    .insert(documents)
    .values({
      schoolId: input.schoolId,
      kind: input.kind,
      title: input.title,
      academicYear: input.academicYear,
      term: input.term ?? null,
      framework: input.framework ?? DEFAULT_FRAMEWORK,
      createdBy,
    })
    .returning();
  return row!;
}
