import { defineConfig } from "vitest/config";

// Specs (fast-check invariants) live in spec/, examples and golden comparisons in test/.
export default defineConfig({
  test: {
    include: ["spec/**/*.spec.ts", "test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default"],
  },
});
