/** Document rows to the wire shape. */
import type { documents } from "../db/schema/index.js";

type DocumentRow = typeof documents.$inferSelect;

export function presentDocument(doc: DocumentRow, schoolName?: string) {
  return {
    id: doc.id,
    schoolId: doc.schoolId,
    schoolName: schoolName ?? null,
    kind: doc.kind,
    title: doc.title,
    academicYear: doc.academicYear,
    term: doc.term,
    framework: doc.framework,
    status: doc.status,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
