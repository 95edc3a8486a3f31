/**
 * Builds client/ into dist/client, which Nest serves at `/`:
 *   /               landing page          /console/   agent console
 *   /admin/         admin dashboard       /demo.html  a demo page that embeds the widget (?key=)
 *   /widget.js      the embeddable widget: one IIFE with socket.io-client, built by a second pass
 */
// CommonJS on purpose: the repo's package.json is CommonJS and Vite warns about ESM syntax in a .ts loaded as CJS.
/* eslint-disable @typescript-eslint/no-require-imports */
const { resolve } = require('node:path') as typeof import('node:path');
const { build, defineConfig } = require('vite') as typeof import('vite');
type VitePlugin = import('vite').Plugin;

const root = __dirname;
const outDir = resolve(root, '../dist/client');

/** After the pages, build the widget as a single self-contained script (no chunks, CSS inlined). */
function widgetBundle(): VitePlugin {
  return {
    name: 'switchboard-widget',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        define: { 'process.env.NODE_ENV': '"production"' },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          target: 'es2019',
          minify: true,
          sourcemap: false,
          lib: {
            entry: resolve(root, 'widget/main.ts'),
            name: 'SwitchboardWidget',
            formats: ['iife'],
            fileName: () => 'widget.js',
          },
        },
      });
    },
  };
}

module.exports = defineConfig({
  root,
  base: '/',
  publicDir: resolve(root, 'public'),
  plugins: [widgetBundle()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      input: {
        landing: resolve(root, 'index.html'),
        demo: resolve(root, 'demo.html'),
        console: resolve(root, 'console/index.html'),
        admin: resolve(root, 'admin/index.html'),
      },
    },
  },
  server: {
    // `npm start` in one terminal, `npx vite --config client/vite.config.ts` in another.
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
      '/widget.js': 'http://localhost:3000',
    },
  },
});
