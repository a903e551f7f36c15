import { dirname, join } from 'node:path';

/**
 * DejaVu Serif, from the npm package `dejavu-fonts-ttf` (pinned in package-lock): whole TrueType
 * fonts covering every precomposed Vietnamese letter (ạ ả ấ ầ ẩ ẫ ậ … ỹ), embedded in each document as
 * a subset of the glyphs it uses. The 14 standard PDF fonts have no glyph for most of them, and
 * web-font packages split Vietnamese into a subset without the basic Latin letters.
 */
function fontDirectory(): string {
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

export const FONTS = {
  regular: () => join(fontDirectory(), 'DejaVuSerif.ttf'),
  bold: () => join(fontDirectory(), 'DejaVuSerif-Bold.ttf'),
  italic: () => join(fontDirectory(), 'DejaVuSerif-Italic.ttf'),
};
