/**
 * Telling a .docx from everything else before any parser sees it: a .docx is a zip holding
 * word/document.xml. A password-protected Word file is not a zip at all but an OLE compound file
 * holding an EncryptedPackage stream, and so is an old .doc; each gets its own clear refusal.
 */
import JSZip from "jszip";

/** Why a file is not an importable .docx. */
export type RefusalCode = "not_docx" | "encrypted" | "too_large" | "unreadable";

/** A refusal the route turns into a 4xx with this code and message. */
export class DocxRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
/** "EncryptedPackage" as UTF-16LE, the stream name an encrypted OOXML file's directory holds. */
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");
/** document.xml past this size (uncompressed) is a zip bomb, not a plan: 40 pages are about 1 MB. */
export const MAX_DOCUMENT_XML_BYTES = 64 * 1024 * 1024;

/** Refuses anything that is not a zip, naming encrypted and old Word files. Cheap: reads magic bytes only. */
export function sniffDocx(bytes: Uint8Array): void {
  if (startsWith(bytes, OLE)) {
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE)) {
      throw new DocxRefused("encrypted", "This Word file is protected with a password. Remove the password in Word (File, Info, Protect Document) and upload it again.");
    }
    throw new DocxRefused("not_docx", "This is an older Word (.doc) file. Open it in Word and save it as a .docx, then upload that.");
  }
  if (!startsWith(bytes, ZIP)) throw new DocxRefused("not_docx", "This file is not a Word document (.docx).");
}

/** The package's main document part and its size, refusing zips that are not Word documents. */
export async function openDocx(bytes: Uint8Array): Promise<string> {
  sniffDocx(bytes);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new DocxRefused("not_docx", "This file is damaged or is not a Word document (.docx).");
  }
  if (zip.file("EncryptionInfo")) throw new DocxRefused("encrypted", "This Word file is encrypted. Remove the password in Word and upload it again.");
  const part = zip.file("word/document.xml");
  if (!part) throw new DocxRefused("not_docx", "This zip file is not a Word document (.docx): it has no word/document.xml.");
  const size = (part as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  if (size > MAX_DOCUMENT_XML_BYTES) throw new DocxRefused("too_large", "This document's text is too large to import.");
  return part.async("string");
}
