// Bundles p2pml-streams.entry.mjs with the real packages of web/node_modules (HLSSWARM_NODE_MODULES) using esbuild
// (platform=node: p2p-media-loader-core's package index imports 'debug' and a WebRTC stack that plain Node ESM cannot
// load from these packages) into a temporary directory, then runs it. Nothing of their code is copied here.
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const nodeModules = process.env.HLSSWARM_NODE_MODULES;
if (!nodeModules) throw new Error("HLSSWARM_NODE_MODULES is not set (path of web/node_modules)");
const esbuild = createRequire(join(nodeModules, "esbuild", "package.json"))("esbuild");
const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "hlsswarm-p2pml-"));
const outfile = join(dir, "p2pml-streams.bundle.mjs");
try {
  await esbuild.build({
    entryPoints: [join(here, "p2pml-streams.entry.mjs")],
    bundle: true, platform: "node", format: "esm", outfile, logLevel: "error",
    nodePaths: [nodeModules],
    plugins: [{
      name: "hlsswarm",
      setup(b) {
        // Files of p2p-media-loader-core that its package "exports" does not expose: reached by path, so esbuild
        // bundles the very module the package itself uses.
        b.onResolve({ filter: /^nm:/ }, (a) => ({ path: join(nodeModules, a.path.slice(3)) }));
        // The WebRTC stack's native Node binding (not built by `npm ci`, and never called: no peer connection is made
        // here) becomes an empty module.
        b.onResolve({ filter: /^node-datachannel(\/.*)?$/ }, (a) => ({ path: a.path, namespace: "stub" }));
        b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: "module.exports = {};", loader: "js" }));
        // hls.js keeps one piece of module state that a manifest can change: the playlist loader adds codecs the
        // browser accepts to its sampleEntryCodesISO table. Exported (nothing else changed) so that the oracle can
        // restore it between cases, as a fresh page would start.
        b.onLoad({ filter: /hls\.js[\\/]dist[\\/]hls\.mjs$/ }, async (a) => ({
          contents: (await readFile(a.path, "utf8")) + "\nexport { sampleEntryCodesISO as __hlsswarmSampleEntryCodesISO };\n",
          loader: "js",
        }));
      },
    }],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
