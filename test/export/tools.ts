/** Real tools reading exported files back: LibreOffice for Word files, poppler for PDFs. */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

async function inTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "trellis-export-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Opens a .docx in headless LibreOffice and returns its text; a file LibreOffice cannot open fails. */
export function libreOfficeText(docx: Uint8Array): Promise<string> {
  return inTempDir(async (dir) => {
    const file = join(dir, "export.docx");
    await writeFile(file, docx);
    // A profile of its own, so parallel runs (and someone's open LibreOffice) never clash.
    const profile = `file://${join(dir, "profile")}`;
    await run("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir, file], { timeout: 120_000 });
    return readFile(join(dir, "export.txt"), "utf8");
  });
}

/** pdfinfo's fields ("Tagged", "Pages", "Title"...). */
export function pdfInfo(pdf: Uint8Array): Promise<Record<string, string>> {
  return inTempDir(async (dir) => {
    const file = join(dir, "export.pdf");
    await writeFile(file, pdf);
    const { stdout } = await run("pdfinfo", [file]);
    return Object.fromEntries(stdout.split("\n").filter((l) => l.includes(":")).map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]));
  });
}

/** pdftotext in content order (-raw), so a table cell's wrapped lines stay together. */
export function pdfText(pdf: Uint8Array): Promise<string> {
  return inTempDir(async (dir) => {
    const file = join(dir, "export.pdf");
    await writeFile(file, pdf);
    const { stdout } = await run("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"]);
    return stdout;
  });
}

/** The fonts pdffonts lists: each one's name and whether it is embedded. */
export function pdfFontList(pdf: Uint8Array): Promise<{ name: string; embedded: boolean }[]> {
  return inTempDir(async (dir) => {
    const file = join(dir, "export.pdf");
    await writeFile(file, pdf);
    const { stdout } = await run("pdffonts", [file]);
    // After the two heading lines, each row ends "<emb> <sub> <uni> <object> <generation>".
    return stdout
      .split("\n")
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => {
        const cols = l.trim().split(/\s+/);
        return { name: cols[0]!, embedded: cols.at(-5) === "yes" };
      });
  });
}

/** The PDF's structure tree as pdfinfo prints it (-struct). */
export function pdfStructure(pdf: Uint8Array): Promise<string> {
  return inTempDir(async (dir) => {
    const file = join(dir, "export.pdf");
    await writeFile(file, pdf);
    const { stdout } = await run("pdfinfo", ["-struct", file], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  });
}

/** Collapses runs of white space, so text wrapped across lines compares with the original. */
export const squash = (text: string): string => text.replace(/\s+/g, " ").trim();
