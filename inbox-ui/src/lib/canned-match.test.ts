import { describe, expect, it } from 'vitest';
import type { CannedReply } from '../api/workspace-types';
import { matchReplies, replaceRange, triggerAt, unresolvedIn } from './canned-match';

const reply = (shortcode: string, title: string, content: string, locale: 'zh-CN' | 'en' = 'zh-CN'): CannedReply => ({
  id: `${shortcode}-${locale}`,
  shortcode,
  title,
  content,
  locale,
  folder: '',
  scope: 'team',
});

describe('composer triggers', () => {
  it('finds the / or @ token the caret is in', () => {
    expect(triggerAt('/he', 3, '/')).toEqual({ start: 0, query: 'he' });
    expect(triggerAt('您好 /稍', 5, '/')).toEqual({ start: 3, query: '稍' });
    expect(triggerAt('a/b', 3, '/')).toBeNull();
    expect(triggerAt('请 @李', 4, '@')).toEqual({ start: 2, query: '李' });
  });

  it('matches Chinese substrings in title and text, own language first', () => {
    const replies = [reply('wait', 'Please wait', 'Please wait a moment', 'en'), reply('wait', '请稍等', '请您稍等，我马上为您查询。'), reply('sorry', '久等致歉', '对不起，让您久等了。')];
    expect(matchReplies(replies, '稍等', 'zh-CN').map((r) => r.id)).toEqual(['wait-zh-CN']);
    expect(matchReplies(replies, '久等', 'zh-CN').map((r) => r.id)).toEqual(['sorry-zh-CN']);
    expect(matchReplies(replies, 'wa', 'en').map((r) => r.id)).toEqual(['wait-en', 'wait-zh-CN']);
  });

  it('replaces the token and lists leftover variables', () => {
    expect(replaceRange('hi /wa', 3, 6, '请稍等')).toEqual({ text: 'hi 请稍等', caret: 6 });
    expect(unresolvedIn('工单 {{ticket.number}} {{ticket.number}}')).toEqual(['{{ticket.number}}']);
  });
});
