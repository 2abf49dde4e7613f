/**
 * The fonts PDF exports embed: DejaVu Sans from assets/fonts at the repository root. They are
 * found by walking up from this module, because the same code runs as server/export/*.ts (tsx,
 * vitest), as dist/server/*.mjs (the built server and its worker) and from a bench's own bundle
 * folder, and all of them sit inside the repository.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The four faces a run of text can ask for. */
export type FontFace = "regular" | "bold" | "italic" | "boldItalic";

const FILES: Record<FontFace, string> = {
  regular: "DejaVuSans.ttf",
  bold: "DejaVuSans-Bold.ttf",
  italic: "DejaVuSans-Oblique.ttf",
  boldItalic: "DejaVuSans-BoldOblique.ttf",
};

/** assets/fonts in the nearest folder above `from` that has one. */
export function fontsFolder(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = join(dir, "assets", "fonts");
    if (existsSync(join(candidate, FILES.regular))) return candidate;
    if (dirname(dir) === dir) throw new Error(`The PDF fonts (assets/fonts/${FILES.regular}) were not found above ${from}`);
  }
}

let loaded: Record<FontFace, Buffer> | null = null;

/** The font files' bytes, read once per process (a worker keeps them between exports). */
export function pdfFonts(): Record<FontFace, Buffer> {
  if (loaded) return loaded;
  const folder = fontsFolder();
  const read = (face: FontFace) => readFileSync(join(folder, FILES[face]));
  loaded = { regular: read("regular"), bold: read("bold"), italic: read("italic"), boldItalic: read("boldItalic") };
  return loaded;
}
