import { describe, expect, it } from 'vitest';
import { parseSurveyReply } from './survey-reply.js';

describe('parseSurveyReply', () => {
  it.each([
    ['5', { score: 5, solved: true }],
    [' 4分 ', { score: 4, solved: true }],
    ['3 星。', { score: 3, solved: true }],
    ['2/5', { score: 2, solved: true }],
    ['1 未解决', { score: 1, solved: false }],
    ['未解决', { score: null, solved: false }],
    ['not solved, 4', { score: 4, solved: false }],
  ])('reads %j', (text, expected) => {
    expect(parseSurveyReply(text)).toEqual(expected);
  });

  it.each(['', '6', '0', '谢谢', '3号楼又漏水了', '12', '5 but the lift is still broken and nobody came'])('leaves %j to the agents', (text) => {
    expect(parseSurveyReply(text)).toBeNull();
  });
});
