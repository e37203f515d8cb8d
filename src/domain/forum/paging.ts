/** Page arithmetic for the server-rendered lists (page numbers in the URL, 1-based). */
export interface Paging {
  page: number;
  pageSize: number;
  offset: number;
}

export function paging(pageParam: string | undefined, pageSize: number): Paging {
  const n = Number(pageParam);
  const page = Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
