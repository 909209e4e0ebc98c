/** A file the CLI was given, as text: gunzipped when its name ends in .gz. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export function readTextFile(file: string): string {
  const bytes = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}
