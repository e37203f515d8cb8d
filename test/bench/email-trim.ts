/**
 * Reply trimming (channels/email/trim-reply.ts) on a normal reply and on the pathological
 * one-line mail of issue 11 (767 KB of "A>>>>…"), each beside baselines from the same run:
 * splitting the same text into lines (the least any line-based trimmer does) and the regex
 * library used before (email-reply-parser), the latter on a smaller pathological line only,
 * since at 767 KB it does not finish.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import EmailReplyParser from 'email-reply-parser';
import { parseEmail } from '../../channels/email/parse.js';
import { trimReply } from '../../channels/email/trim-reply.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Median milliseconds per call over `runs` calls (after one warm-up call). */
function time(fn: () => unknown, runs: number): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return Number(median(samples).toFixed(3));
}

const oldParser = (text: string): string => new EmailReplyParser().read(text).getVisibleText();

export async function runEmailTrimBench(): Promise<Record<string, unknown>> {
  const source = readFileSync(new URL('../../channels/email/fixtures/gmail-zh-reply.eml', import.meta.url));
  const normal = (await parseEmail(source, { inboxId: 'bench', maxAttachmentBytes: 1 << 20 })).text;
  const pathological = `A${'>'.repeat(767 * 1024)}`;
  const smallPathological = `A${'>'.repeat(20 * 1024)}`;
  const lines = (t: string): number => t.split('\n').length;
  return {
    normalMail: {
      bytes: Buffer.byteLength(normal),
      trimMs: time(() => trimReply(normal), 2000),
      baselineSplitLinesMs: time(() => lines(normal), 2000),
      beforeEmailReplyParserMs: time(() => oldParser(normal), 200),
    },
    pathological767KB: {
      bytes: pathological.length,
      trimMs: time(() => trimReply(pathological), 20),
      baselineSplitLinesMs: time(() => lines(pathological), 20),
    },
    pathological20KB: {
      bytes: smallPathological.length,
      trimMs: time(() => trimReply(smallPathological), 20),
      beforeEmailReplyParserMs: time(() => oldParser(smallPathological), 3),
    },
  };
}
