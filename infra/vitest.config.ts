import { defineConfig } from "vitest/config";

// Lets `npm test -w infra` (or `npx vitest run --root infra`) run the infra tests on their own; the
// repository's root config needs `infra/test/**/*.test.ts` in its `include` to run them there.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
