/**
 * Scanning on the floor, without React. A keyboard-wedge scanner types the code and Enter into
 * the focused field; the camera reads codes through the browser's BarcodeDetector where it
 * exists (Chrome on Android, for one). Either way a scan names a line by its SKU, or by a
 * barcode the line carries, and adds one unit to it.
 */

/** The line a scanned code names: its SKU exactly, else case-insensitively, else null. */
export function lineForCode(
  code: string,
  skus: readonly string[],
  barcodes: Record<string, string> = {},
): string | null {
  const c = code.trim();
  if (!c) return null;
  if (skus.includes(c)) return c;
  const bySku = skus.find((s) => s.toLowerCase() === c.toLowerCase());
  if (bySku) return bySku;
  return barcodes[c] ?? null;
}

/** One more unit on a quantity typed so far (empty or not a whole number counts as 0). */
export function addOne(current: string | undefined): string {
  const n = /^\d+$/.test((current ?? '').trim()) ? Number(current) : 0;
  return String(n + 1);
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

export function barcodeDetector(): BarcodeDetectorLike | null {
  const Ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  if (!Ctor) return null;
  try {
    return new Ctor({ formats: ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'code_39', 'qr_code'] });
  } catch {
    return null;
  }
}
