/**
 * The whole conversion of one .docx into blocks, pure and synchronous in spirit: the worker
 * thread runs it, so parsing a large or hostile file never blocks the server's event loop.
 */
import { englandHalfTerms, type HalfTermDates } from "../../shared/englandTermDates.js";
import type { ImportResult } from "../../shared/importPreview.js";
import { DocxRefused, openDocx } from "./docxPackage.js";
import type { Person } from "./ownerMatcher.js";
import { buildPlan } from "./planBuilder.js";
import { readWordBody } from "./wordBody.js";
import { readWordTables } from "./wordTables.js";

/** What one conversion needs: the file's bytes, the academic year dates resolve against, the school's people. */
export interface ConversionInput {
  bytes: Uint8Array;
  academicYear: string;
  people: Person[];
  /** The school's half terms for `academicYear` from the trust calendar; other years use England's conventional dates. */
  halfTerms?: HalfTermDates[];
}

/** Converts a .docx into the blocks and warnings of an import. Throws DocxRefused for files it will not read. */
export async function convertDocx({ bytes, academicYear, people, halfTerms = [] }: ConversionInput): Promise<ImportResult> {
  const documentXml = await openDocx(bytes);
  const tables = readWordTables(documentXml);
  let body: Awaited<ReturnType<typeof readWordBody>>;
  try {
    body = await readWordBody(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw new DocxRefused("unreadable", `This Word document could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { blocks, warnings } = buildPlan(body.items, tables, {
    academicYear,
    people,
    calendar: (year) => (year === academicYear && halfTerms.length ? halfTerms : englandHalfTerms(year)),
  });
  for (const message of body.messages) warnings.push({ block: null, row: null, message: `Word: ${message}` });
  const names = new Map(people.map((p) => [p.id, p.name]));
  const named: Record<string, string> = {};
  for (const b of blocks) for (const id of (b.attrs.owners as string[] | undefined) ?? []) named[id] = names.get(id) ?? "";
  return { blocks, warnings, people: named };
}
