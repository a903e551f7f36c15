import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  buildGraphiqlAssets,
  FONT_FAMILY,
  FONT_FAMILY_MONO,
  withoutEmbeddedFonts,
  type AssetManifest,
} from './graphiql-assets';

let dir: string;
let manifest: AssetManifest;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'graphiql-assets-'));
  manifest = buildGraphiqlAssets(dir);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("GraphiQL's assets as the build writes them", () => {
  it('names every file by the hash of its content, and its compressed copies decompress to it', () => {
    for (const asset of Object.values(manifest.files)) {
      const content = readFileSync(join(dir, asset.file));
      const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
      expect(asset.file).toContain(`.${hash}.`);
      if (asset.type === 'font/woff2') expect(asset.encodings).toEqual([]);
      else {
        expect(asset.encodings).toEqual(['br', 'gzip']);
        expect(brotliDecompressSync(readFileSync(join(dir, `${asset.file}.br`))).equals(content)).toBe(true);
        expect(gunzipSync(readFileSync(join(dir, `${asset.file}.gz`))).equals(content)).toBe(true);
      }
    }
  });

  it("declares the bundled fonts on files it wrote, with each subset's unicode-range, and makes them GraphiQL's", () => {
    const css = readFileSync(join(dir, manifest.entries['fonts.css']), 'utf8');
    const urls = [...css.matchAll(/url\(\.\/([^)]+)\)/g)].map(([, url]) => url).filter((url) => url !== undefined);
    expect(urls).toHaveLength(12);
    for (const url of urls) {
      expect(manifest.files[url]?.type).toBe('font/woff2');
      expect(existsSync(join(dir, url))).toBe(true);
    }
    // The Vietnamese subset of the monospaced face: the letters of "Tổ chức Tỉnh ủy".
    expect(css).toMatch(
      new RegExp(
        `font-family:"${FONT_FAMILY_MONO}";[^}]*noto-sans-mono-vietnamese-400-normal\\.[0-9a-f]{16}\\.woff2[^}]*unicode-range:[^}]*U\\+1EA0-1EF9`,
      ),
    );
    expect(css).toContain(
      `--font-family:"${FONT_FAMILY}",sans-serif;--font-family-mono:"${FONT_FAMILY_MONO}",monospace`,
    );
  });

  it("drops GraphiQL's embedded Roboto and Fira Code and nothing else", () => {
    const css = readFileSync(join(dir, manifest.entries['graphiql.css']), 'utf8');
    expect(css).not.toContain('@font-face');
    expect(css).toContain('.graphiql-container');
    expect(withoutEmbeddedFonts('a{b:c}@font-face{font-family:X;src:url(data:x)}d{e:f}')).toBe('a{b:c}d{e:f}');
  });
});
