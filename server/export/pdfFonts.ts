/**
 * The fonts PDF exports embed: DejaVu Sans from assets/fonts at the repository root (beside
 * dist/ when it ships), found through server/paths.ts like the migrations and the client.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../paths.js";

/** The four faces a run of text can ask for. */
export type FontFace = "regular" | "bold" | "italic" | "boldItalic";

const FILES: Record<FontFace, string> = {
  regular: "DejaVuSans.ttf",
  bold: "DejaVuSans-Bold.ttf",
  italic: "DejaVuSans-Oblique.ttf",
  boldItalic: "DejaVuSans-BoldOblique.ttf",
};

const FONTS_DIR = join(ROOT, "assets", "fonts");

let loaded: Record<FontFace, Buffer> | null = null;

/** The font files' bytes, read once per process (a worker keeps them between exports). */
export function pdfFonts(): Record<FontFace, Buffer> {
  if (loaded) return loaded;
  const read = (face: FontFace) => {
    try {
      return readFileSync(join(FONTS_DIR, FILES[face]));
    } catch (err) {
      throw new Error(`The PDF fonts (${FILES[face]}) were not found in ${FONTS_DIR}`, { cause: err });
    }
  };
  loaded = { regular: read("regular"), bold: read("bold"), italic: read("italic"), boldItalic: read("boldItalic") };
  return loaded;
}
