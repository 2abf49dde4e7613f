/** What a newcomer meets first: `npm run demo` rebuilds a stale client, and lists its logins in the README's words. */
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clientBuildIsStale } from "../../server/clientBuild.js";
import { ROOT } from "../../server/paths.js";
import { DEMO_LISTED_LOGINS, DEMO_PEOPLE, demoLoginLines, demoRoleWords } from "../../server/seed/demoTrust.js";

describe("the demo's client build", () => {
  it("is missing before the first build, fresh after it, and stale once a source changes", () => {
    const root = mkdtempSync(join(tmpdir(), "trellis-build-"));
    const dist = join(root, "dist", "client");
    mkdirSync(join(root, "client", "src"), { recursive: true });
    mkdirSync(join(root, "shared"), { recursive: true });
    writeFileSync(join(root, "client", "src", "App.tsx"), "old");
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, "client", "src", "App.tsx"), past, past);
    utimesSync(join(root, "client", "src"), past, past);
    utimesSync(join(root, "client"), past, past);
    utimesSync(join(root, "shared"), past, past);
    expect(clientBuildIsStale(root, dist)).toBe("missing");

    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, "index.html"), "<!doctype html>");
    expect(clientBuildIsStale(root, dist)).toBeNull();

    // A pull brings a newer source file, deep in the tree.
    const later = new Date(Date.now() + 60_000);
    writeFileSync(join(root, "client", "src", "App.tsx"), "new");
    utimesSync(join(root, "client", "src", "App.tsx"), later, later);
    expect(clientBuildIsStale(root, dist)).toBe("stale");
  });
});

describe("the demo's logins", () => {
  it("are printed with the same role words as the README's table", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const rows = [...readme.matchAll(/^\| `([^`]+@trellis\.test)` \| ([^|]+) \|$/gm)].map((m) => [m[1], m[2]!.trim()]);
    expect(rows).toEqual(DEMO_PEOPLE.slice(0, DEMO_LISTED_LOGINS).map((p) => [p.email, demoRoleWords(p)]));
    expect(demoLoginLines()[0]).toMatch(/^ {2}admin@trellis\.test +trust admin$/);
    expect(demoLoginLines().join("\n")).not.toMatch(/_/);
  });
});
