/** Small input helpers the settings forms share. */
export const text = (v: string) => v.trim();
export const optionalNumber = (v: string): number | null | undefined =>
  v.trim() === '' ? undefined : Number(v);
