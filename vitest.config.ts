import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { rulesPlugin } from './scripts/vite-rules-plugin';

export default defineConfig({
  plugins: [WxtVitest(), rulesPlugin()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/rules/**/*.test.ts', 'tests/corpus/**/*.test.ts'],
    environment: 'node',
    environmentOptions: {
      happyDOM: {
        settings: {
          disableJavaScriptFileLoading: true,
          disableCSSFileLoading: true,
          disableIframePageLoading: true,
          handleDisabledFileLoadingAsSuccess: true,
        },
      },
    },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
