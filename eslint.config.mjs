// ESLint flat config: `npm run lint` (and the first step of `npm test`) runs it with
// --max-warnings 0, so every finding fails. Syntax-only rules (no type information), to stay fast.
// Formatting is Prettier's job (.prettierrc.json); eslint-config-prettier turns off the rules that would
// disagree with it.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import prettier from "eslint-config-prettier";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "lib/generated/**",
      ".next/**",
      "bench/baselines/*/.next/**",
      "bench/baselines/*/next-env.d.ts",
      ".next-*/**",
      "out/**",
      "node_modules/**",
      "prisma/**/migrations/**",
      "coverage/**",
      "playwright-report/**",
      "test-results/**",
      "bench-results/**",
      "public/**",
      "content/**/*.mdx",
      "next-env.d.ts",
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  jsxA11y.flatConfigs.recommended,
  nextPlugin.configs.recommended,
  nextPlugin.configs["core-web-vitals"],
  {
    rules: {
      // The project uses plain <a> everywhere, never next/link: the Pages Router pages ship no JS (unstable_runtimeJS: false) and skip the client router's hydration and prefetching (components/site/site-header.tsx, docs/performance.md).
      "@next/next/no-html-link-for-pages": "off",
      // Scrollable tables and figures are focusable labelled regions (axe: scrollable-region-focusable), so role="region" may take tabIndex.
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
      // `_`-prefixed names are the project's way of saying "deliberately unused".
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  prettier,
);
