import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * GraphiQL's static files, prepared at build time (`npm run build` runs graphiql-assets-cli):
 * each is named by a hash of its content, so the gateway can let browsers and proxies keep it for a
 * year (`immutable`) and a new release changes its URL; the text ones are stored brotli- and
 * gzip-compressed beside the original, at the highest settings, because that costs the build
 * seconds once instead of the gateway CPU on every request (graphiql.js: 978 KB, 260 KB in brotli).
 */

/** Where the build writes the files and their manifest, from `src/` (tests) or `dist/` alike. */
export const GRAPHIQL_ASSETS_DIR = join(__dirname, '..', 'dist', 'graphiql');
const MANIFEST = 'manifest.json';

/**
 * The fonts the page uses for its interface and, above all, its editors and result pane. GraphiQL's
 * own CSS embeds Roboto and Fira Code; Fira Code has no Vietnamese glyphs, so "Ban Tổ chức Tỉnh ủy"
 * fell back to a system font that stacked the diacritics wrongly. Noto Sans and Noto Sans Mono
 * cover Vietnamese; each subset is a woff2 file the browser fetches only when the page shows a
 * character of its unicode-range. The family names are our own, so a font installed on the
 * user's machine under the same name can never stand in for them. `font-display: block`: served
 * by the gateway itself they arrive at once, and text never flashes in a fallback that may
 * mis-stack the diacritics.
 */
export const FONT_FAMILY = 'Bundled Noto Sans';
export const FONT_FAMILY_MONO = 'Bundled Noto Sans Mono';
const FONT_SUBSETS = ['latin', 'latin-ext', 'vietnamese'];
const FONTS = [
  { family: FONT_FAMILY, pkg: '@fontsource/noto-sans', prefix: 'noto-sans', weights: [400, 500, 700] },
  { family: FONT_FAMILY_MONO, pkg: '@fontsource/noto-sans-mono', prefix: 'noto-sans-mono', weights: [400] },
];

/** The page's assets by their logical name; the page asks the manifest for their hashed URLs. */
export type AssetName = 'react.js' | 'react-dom.js' | 'graphiql.js' | 'graphiql.css' | 'fonts.css';

export interface BuiltAsset {
  /** The hashed file name, as served under /graphiql/assets/. */
  file: string;
  type: string;
  /** The precompressed variants written beside it. */
  encodings: ('br' | 'gzip')[];
}

export interface AssetManifest {
  /** Logical name → hashed file name, for the page. */
  entries: Record<AssetName, string>;
  /** Every file served, by its hashed name (fonts included). */
  files: Record<string, BuiltAsset>;
}

/** The folder of an installed package, found without relying on its `exports` map. */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name, { paths: [__dirname] }));
  while (
    !existsSync(join(dir, 'package.json')) ||
    JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name
  ) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package ${name} not found`);
    dir = parent;
  }
  return dir;
}

/** A package that has no main module (a font package) is found through its package.json. */
function dataPackageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`, { paths: [__dirname] }));
}

function hashedName(name: string, content: Buffer): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
}

/** Fontsource's unicode-range for one subset of one weight, read from its own CSS. */
function unicodeRange(pkgDir: string, prefix: string, subset: string, weight: number): string {
  const css = readFileSync(join(pkgDir, `${weight}.css`), 'utf8');
  const block = new RegExp(`/\\* ${prefix}-${subset}-${weight}-normal \\*/\\s*@font-face\\s*\\{([^}]*)\\}`).exec(
    css,
  )?.[1];
  const range = block && /unicode-range:\s*([^;]+);/.exec(block)?.[1];
  if (!range) throw new Error(`no unicode-range for ${prefix} ${subset} ${weight} in ${pkgDir}`);
  return range.trim();
}

/**
 * GraphiQL's CSS without its 34 embedded @font-face rules (360 KB of base64 Roboto and Fira Code
 * that the page no longer uses), so 410 KB become 50 KB before compression.
 */
export function withoutEmbeddedFonts(css: string): string {
  return css.replace(/@font-face\{[^}]*\}/g, '');
}

/** Writes every asset, its compressed variants and the manifest into `outDir` (emptied first). */
export function buildGraphiqlAssets(outDir = GRAPHIQL_ASSETS_DIR): AssetManifest {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const files: Record<string, BuiltAsset> = {};

  const write = (name: string, content: Buffer, type: string, compressible: boolean): string => {
    const file = hashedName(name, content);
    writeFileSync(join(outDir, file), content);
    const encodings: BuiltAsset['encodings'] = [];
    if (compressible) {
      const params = {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      };
      writeFileSync(join(outDir, `${file}.br`), brotliCompressSync(content, { params }));
      writeFileSync(join(outDir, `${file}.gz`), gzipSync(content, { level: constants.Z_BEST_COMPRESSION }));
      encodings.push('br', 'gzip');
    }
    files[file] = { file, type, encodings };
    return file;
  };

  // woff2 is compressed already (brotli inside): served as it is.
  const faces: string[] = [];
  for (const { family, pkg, prefix, weights } of FONTS) {
    const dir = dataPackageDir(pkg);
    for (const weight of weights) {
      for (const subset of FONT_SUBSETS) {
        const name = `${prefix}-${subset}-${weight}-normal.woff2`;
        const file = write(name, readFileSync(join(dir, 'files', name)), 'font/woff2', false);
        faces.push(
          `@font-face{font-family:"${family}";font-style:normal;font-weight:${weight};font-display:block;` +
            `src:url(./${file}) format("woff2");unicode-range:${unicodeRange(dir, prefix, subset, weight)}}`,
        );
      }
    }
  }
  // Loaded after graphiql.css, on the selectors that define GraphiQL's font variables, one
  // notch more specific so that ours win whatever the order.
  const scopes =
    '.graphiql-container,.CodeMirror-info,.CodeMirror-lint-tooltip,.graphiql-dialog,.graphiql-dialog-overlay,.graphiql-tooltip,[data-radix-popper-content-wrapper],.CodeMirror-hints';
  const variables =
    `:root :is(${scopes}){--font-family:"${FONT_FAMILY}",sans-serif;--font-family-mono:"${FONT_FAMILY_MONO}",monospace}` +
    `:root .CodeMirror-hints{font-family:var(--font-family-mono)}`;
  const fontsCss = `/* Noto Sans and Noto Sans Mono (SIL Open Font License 1.1), from @fontsource. */\n${faces.join('\n')}\n${variables}\n`;

  const graphiql = packageDir('graphiql');
  const entries: Record<AssetName, string> = {
    'react.js': write(
      'react.js',
      readFileSync(join(packageDir('react'), 'umd/react.production.min.js')),
      'text/javascript',
      true,
    ),
    'react-dom.js': write(
      'react-dom.js',
      readFileSync(join(packageDir('react-dom'), 'umd/react-dom.production.min.js')),
      'text/javascript',
      true,
    ),
    'graphiql.js': write('graphiql.js', readFileSync(join(graphiql, 'graphiql.min.js')), 'text/javascript', true),
    'graphiql.css': write(
      'graphiql.css',
      Buffer.from(withoutEmbeddedFonts(readFileSync(join(graphiql, 'graphiql.min.css'), 'utf8'))),
      'text/css',
      true,
    ),
    'fonts.css': write('fonts.css', Buffer.from(fontsCss), 'text/css', true),
  };
  const manifest: AssetManifest = { entries, files };
  writeFileSync(join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The built manifest; a gateway started without a build says what to run. */
export function readGraphiqlAssets(dir = GRAPHIQL_ASSETS_DIR): AssetManifest {
  const path = join(dir, MANIFEST);
  if (!existsSync(path))
    throw new Error(
      `GraphiQL's assets are not built (${path} is missing): run \`npm run build\`, or set GRAPHIQL=false`,
    );
  return JSON.parse(readFileSync(path, 'utf8')) as AssetManifest;
}
