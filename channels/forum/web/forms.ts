/**
 * Form input at the edge: zod for the fields, and uploads checked by content (image-sniff)
 * and size before anything reaches the port. Errors come back as catalog text per field.
 */
import { z } from 'zod';
import { sniffImage } from '../image-sniff.js';
import type { CheckedImage } from '../port.js';
import type { ForumMessageKey, T } from './i18n/index.js';

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

type Body = Record<string, string | File | (string | File)[]>;

/** The last text value of a field (forms never repeat a text field on purpose). */
export function text(body: Body, name: string): string {
  const v = body[name];
  const one = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof one === 'string' ? one : '';
}

export function files(body: Body, name: string): File[] {
  const v = body[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  // A file input left empty still sends one part with no name and no bytes.
  return list.filter((f): f is File => typeof f !== 'string' && (f.size > 0 || f.name !== ''));
}

/** Validates `value` as a required text of at most `max` characters. */
export function requiredText(t: T, value: string, field: ForumMessageKey, max: number): { value: string; error?: string } {
  const v = value.trim();
  if (!v) return { value: v, error: t('form.required', { field: t(field) }) };
  if (v.length > max) return { value: v, error: t('form.tooLong', { field: t(field), max }) };
  return { value: v };
}

export const emailSchema = z.string().trim().toLowerCase().email().max(320);
export const passwordSchema = z.string().min(10).max(1024);

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${Math.round(n / 1024)} KB`;
}

/** Reads and checks the uploaded images; the first problem found is the error. */
export async function checkImages(t: T, list: File[], limits: { maxBytes: number; maxFiles: number }): Promise<{ images: CheckedImage[]; error?: string }> {
  if (list.length > limits.maxFiles) return { images: [], error: t('upload.tooMany', { n: limits.maxFiles }) };
  const images: CheckedImage[] = [];
  for (const f of list) {
    const name = f.name.slice(0, 80) || '?';
    if (f.size > limits.maxBytes) return { images: [], error: t('upload.tooLarge', { name, size: formatBytes(limits.maxBytes) }) };
    const data = new Uint8Array(await f.arrayBuffer());
    const kind = sniffImage(data);
    if (!kind) return { images: [], error: t('upload.notImage', { name }) };
    images.push({ ...kind, data });
  }
  return { images };
}
