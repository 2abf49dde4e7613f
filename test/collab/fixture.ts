/** A running server with one school, its people and a document: the stage most collab tests share. */
import type { Role } from "../../shared/enums.js";
import type { Env } from "../../server/env.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { signIn, startTestServer } from "../support.js";

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** A signed-in person. */
export interface Person {
  id: string;
  name: string;
  cookie: string;
}

/** Starts a server and seeds a school with a draft document. */
export async function collabStage(env: Partial<Env> = {}) {
  const server = await startTestServer({ env });
  const { db } = server.database;
  const school = await buildSchool(db);
  const document = await buildDocument(db, { schoolId: school.id });
  const person = async (role: Role, schoolId: string | null = school.id): Promise<Person> => {
    const user = await buildUser(db, { role, schoolId });
    return { id: user.id, name: user.name, cookie: await signIn(server.url, user.email, TEST_PASSWORD) };
  };
  const newDocument = async (status = "draft", schoolId = school.id) => (await buildDocument(db, { schoolId, status })).id;
  return { server, db, school, documentId: document.id, person, newDocument };
}
