/**
 * CSV uploads with progress (fetch cannot report an upload's progress, XMLHttpRequest can):
 * the catalogue import and the stock import. The answer is the route's typed body, or the
 * refusal thrown as an ApiError with its code and details (the bad rows, by line).
 */
import { ApiError, type Ok, type Query } from './api.ts';

/** The routes that take a text/csv body. */
export type CsvUploadPath = '/v1/catalog/import' | '/v1/stock/import';

/** A refused CSV's rows, as `invalid_csv` details list them: the first ones, and how many in all. */
export interface CsvRowProblems {
  errors: { line: number; message: string }[];
  total: number;
}

/** The bad rows an upload's refusal names (none unless it is `invalid_csv`). */
export function csvProblems(error: unknown): CsvRowProblems {
  if (!(error instanceof ApiError) || error.code !== 'invalid_csv') return { errors: [], total: 0 };
  const details = (error.details ?? {}) as Partial<CsvRowProblems>;
  const errors = Array.isArray(details.errors) ? details.errors : [];
  return { errors, total: typeof details.total === 'number' ? details.total : errors.length };
}

/**
 * POSTs a CSV file: `onProgress(sent, total)` while it goes up; resolves once the server has
 * answered (after it has checked, and written, all of it or nothing).
 */
export function uploadCsv<P extends CsvUploadPath>(
  apiKey: string,
  path: P,
  file: Blob,
  onProgress: (sent: number, total: number) => void,
  query: Query<P, 'post'> | Record<string, never> = {},
): Promise<Ok<P, 'post'>> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const search = params.toString();
  const url = search ? `${path}?${search}` : path;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${apiKey}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      const refused = body?.error;
      if (xhr.status >= 200 && xhr.status < 300 && body && !refused) resolve(body as Ok<P, 'post'>);
      else
        reject(
          new ApiError(
            xhr.status,
            refused?.code ?? `http_${xhr.status}`,
            refused?.message ?? 'refused',
            refused?.details,
          ),
        );
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, 'network_error', 'The server cannot be reached. Check that Stockroom is running.'),
      );
    xhr.send(file);
  });
}

/** An answer's JSON body (a success, or `{error}`), or null when it is not JSON (a proxy's page). */
type Answered = { error?: { code?: string; message?: string; details?: Record<string, unknown> } };

function parseJson(text: string): Answered | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Answered) : null;
  } catch {
    return null;
  }
}
