import { defineConfig } from "vitest/config";

/**
 * Every test runs on embedded PGlite. With TEST_DATABASE_URL set, the same suite (less the
 * browser tests, which exercise the same server) runs again against that PostgreSQL, with
 * test/postgres/, whose tests are about PostgreSQL itself (several processes on one server).
 */
const postgres = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: { name: "pglite", include: ["test/**/*.test.ts"], exclude: ["test/postgres/**"], env: { TRELLIS_TEST_DRIVER: "pglite" } },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: ["test/**/*.test.ts"],
                exclude: ["test/e2e/**", "test/unit/**"],
                env: { TRELLIS_TEST_DRIVER: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
