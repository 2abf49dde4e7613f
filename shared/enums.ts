/** Enums that the client, the server and the database all agree on (DESIGN sections 2 and 7), with their zod schemas. */
import { z } from "zod";
import { ACTION_STATUSES, DOCUMENT_KINDS, DOCUMENT_STATUSES, FINDING_KINDS, OUTCOMES, PHASES, RAGS, ROLES, TERMS } from "./enumValues.js";

export * from "./enumValues.js";

export const roleSchema = z.enum(ROLES);

export const phaseSchema = z.enum(PHASES);

export const documentKindSchema = z.enum(DOCUMENT_KINDS);

export const documentStatusSchema = z.enum(DOCUMENT_STATUSES);

export const termSchema = z.enum(TERMS);

/** An academic year such as 2026/27: the second part is the year after the first. */
export const academicYearSchema = z
  .string()
  .regex(/^\d{4}\/\d{2}$/, "Use the form 2026/27")
  .refine((y) => (Number(y.slice(0, 4)) + 1) % 100 === Number(y.slice(5)), "The second year must follow the first");

export const ragSchema = z.enum(RAGS);

export const actionStatusSchema = z.enum(ACTION_STATUSES);

export const outcomeSchema = z.enum(OUTCOMES);

export const findingKindSchema = z.enum(FINDING_KINDS);
