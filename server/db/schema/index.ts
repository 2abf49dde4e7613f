export * from "./users.js";
export * from "./sessions.js";
export * from "./schools.js";
export * from "./memberships.js";
export * from "./documents.js";
export * from "./audit.js";
export * from "./governance.js";
export * from "./progress.js";
