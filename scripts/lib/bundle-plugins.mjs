// esbuild plugins the provider's bundles share (scripts/build.mjs, and the standalone
// executables' one-file bundle in scripts/release.mjs).
//
// axios, as the bundles carry it. As it loads, axios evaluates parts our Graph client never
// uses: its fetch adapter probes fetch/Request/Response at import (which makes Node load its
// undici-based fetch), and it requires form-data (with mime-db) and https-proxy-agent (with
// debug). Together that was most of the CPU a provider process spends before its first read.
// The client takes the http adapter explicitly and sends JSON only (src/cloud-api/transport.ts),
// so in the bundles:
//  - the fetch adapter is one that reports itself unsupported (axios then names it so if asked);
//  - form-data and https-proxy-agent are loaded on first use (a form, or a proxy from
//    HTTPS_PROXY/HTTP_PROXY): the same constructors, evaluated later;
//  - axios's utils read the global FormData when its first FormData check runs instead of
//    as they load (reading it is what loads Node's fetch). If an axios release changes
//    that line, the build stops and says so, rather than silently losing the saving.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const LAZY = /^(form-data|https-proxy-agent)$/;

export const axiosStartup = {
  name: 'axios-startup',
  setup(build) {
    build.onResolve({ filter: /[\\/]adapters[\\/]fetch\.js$|^\.\/fetch\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]axios[\\/]/.test(args.importer) ? { path: 'axios-fetch-adapter', namespace: 'axios-startup' } : undefined,
    );
    build.onLoad({ filter: /^axios-fetch-adapter$/, namespace: 'axios-startup' }, () => ({
      contents: 'export const getFetch = () => false;\nexport default false;\n',
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]node_modules[\\/]axios[\\/]lib[\\/]utils\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;";
      const check = 'if (FormDataCtor && thing instanceof FormDataCtor) return true;';
      if (!source.includes(eager) || !source.includes(check)) {
        return {
          errors: [
            { text: `axios ${args.path} no longer reads the global FormData as scripts/lib/bundle-plugins.mjs expects: update the plugin` },
          ],
        };
      }
      const lazy =
        "let formDataCtor;\nconst FormDataCtor = () => (formDataCtor ??= { value: typeof G.FormData !== 'undefined' ? G.FormData : undefined }).value;";
      return {
        contents: source.replace(eager, lazy).replace(check, 'if (FormDataCtor() && thing instanceof FormDataCtor()) return true;'),
        loader: 'js',
      };
    });
    build.onResolve({ filter: LAZY }, async (args) => {
      if (args.pluginData === 'real' || args.namespace === 'axios-lazy') return undefined;
      const real = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'real' });
      if (real.errors.length) return { errors: real.errors };
      return { path: real.path, namespace: 'axios-lazy', pluginData: { name: args.path, resolveDir: args.resolveDir } };
    });
    build.onLoad({ filter: /.*/, namespace: 'axios-lazy' }, (args) => ({
      resolveDir: args.pluginData.resolveDir,
      loader: 'js',
      contents: `let real;
const load = () => {
  if (!real) { const m = require(${JSON.stringify(args.pluginData.name)}); real = m && m.__esModule && m.default ? m.default : m; }
  return real;
};
function Lazy(...args) { return new (load())(...args); }
Object.defineProperty(Lazy, Symbol.hasInstance, { value: (value) => value instanceof load() });
module.exports = Lazy;
`,
    }));
  },
};

// The standalone provider (Bun): the Graph client on Bun's fetch. The client's transport module
// becomes src/cloud-api/transport-fetch.ts and axios its browser build, which holds the fetch and
// xhr adapters and not the http one, so a process that reads loads none of Node's http stack
// (node:http, node:https, node:zlib, node:stream, proxy agents): measured in docs/performance.md.
// Both forms keep one contract, tested in test/cloud-api/transport-forms.test.ts.
export const fetchTransport = {
  name: 'fetch-transport',
  setup(build) {
    build.onResolve({ filter: /^axios$/ }, () => ({ path: require.resolve('axios/dist/browser/axios.cjs') }));
    build.onResolve({ filter: /^\.\/transport$/ }, (args) =>
      /[\\/]src[\\/]cloud-api[\\/]client\.ts$/.test(args.importer)
        ? { path: join(dirname(args.importer), 'transport-fetch.ts') }
        : undefined,
    );
  },
};

// protobufjs requires `long` when it is installed, and `long` compiles a WebAssembly module as
// it loads; the generated protocol modules unset it (int64s decode to numbers), so the
// provider bundles an empty module in its place.
export const noLong = {
  name: 'no-long',
  setup(build) {
    build.onResolve({ filter: /^long$/ }, () => ({ path: 'long', namespace: 'no-long' }));
    build.onLoad({ filter: /.*/, namespace: 'no-long' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

// Whitespace and syntax minified, names kept (stack traces stay readable): a process parses
// every byte of a file it requires, and the provider's files are required at every start.
export const compact = { minifyWhitespace: true, minifySyntax: true };
