import { describe, expect, it } from 'vitest';
import { botStep, type BotContext, type BotInput, type BotOutcome } from './bot-step.js';
import { DEFAULT_EMERGENCY_WORDS } from './emergency.js';
import type { FlowState } from './flow-state.js';

const ctx = (over: Partial<BotContext> = {}): BotContext => ({
  locale: 'zh-CN',
  welcomeText: '欢迎',
  rememberedUnit: null,
  knownUnits: null,
  emergencyWords: DEFAULT_EMERGENCY_WORDS,
  emergencyPhone: '0755-12345678',
  agentEngaged: false,
  offered: [],
  ...over,
});
const text = (t: string, over: Partial<BotInput> = {}): BotInput => ({ text: t, photo: false, messageId: 'm1', ...over });

/** Runs a conversation through the step function, feeding each outcome's choices back as `offered`. */
function run(inputs: BotInput[], base: Partial<BotContext> = {}): { state: FlowState | null; outcomes: BotOutcome[] } {
  let state: FlowState | null = null;
  let offered: BotContext['offered'] = [];
  const outcomes: BotOutcome[] = [];
  for (const input of inputs) {
    const out = botStep(state, input, ctx({ ...base, offered }));
    outcomes.push(out);
    state = out.state;
    offered = out.replies.at(-1)?.choices ?? [];
  }
  return { state, outcomes };
}

describe('the guided repair report', () => {
  it('asks category, description, photo and unit, then creates the ticket and remembers the unit', () => {
    const { state, outcomes } = run([
      text('', { command: 'repair' }),
      text('', { choice: 'bot:cat:water' }),
      text('厨房水管一直滴水'),
      text('', { photo: true, messageId: 'photo-1' }),
      text('3栋2单元501'),
    ]);
    expect(state).toBeNull();
    expect(outcomes[0]?.replies[0]?.choices.map((c) => c.value)).toEqual(['cat:water', 'cat:electric', 'cat:doors', 'cat:lift', 'cat:public', 'cat:other']);
    expect(outcomes.at(-1)?.actions).toEqual([
      { type: 'remember-unit', unit: '3栋2单元501' },
      { type: 'create-repair', kind: 'water', description: '厨房水管一直滴水', unit: '3栋2单元501', photoMessageIds: ['photo-1'], urgent: false, emergencyWord: null },
    ]);
  });

  it('takes words (报修), numbered answers and "skip" on a channel without buttons', () => {
    const { outcomes } = run([text('报修'), text('4'), text('电梯按钮不亮'), text('跳过'), text('1-1-101')]);
    expect(outcomes.at(-1)?.actions[1]).toMatchObject({ type: 'create-repair', kind: 'lift', description: '电梯按钮不亮', photoMessageIds: [] });
  });

  it('offers the remembered unit, and refuses a unit the estate does not have', () => {
    const base = { rememberedUnit: '3-2-501', knownUnits: ['3-2-501', '3-2-502'] };
    const { outcomes, state } = run([text('/repair', { command: 'repair' }), text('', { choice: 'cat:doors' }), text('门锁坏了'), text('', { choice: 'skip' }), text('9-9-909')], base);
    expect(outcomes[3]?.replies[0]?.choices).toEqual([{ value: 'same-unit', label: '是，3-2-501' }]);
    expect(outcomes[4]?.replies[0]?.text).toContain('9-9-909');
    expect(outcomes[4]?.actions).toEqual([]);
    expect(state).toMatchObject({ flow: 'repair', step: 'unit' });
    const done = botStep(state, text('', { choice: 'same-unit' }), ctx({ ...base, offered: outcomes[3]?.replies[0]?.choices ?? [] }));
    expect(done.actions[1]).toMatchObject({ type: 'create-repair', unit: '3-2-501', kind: 'doors' });
  });

  it('/cancel leaves nothing: no action, no state', () => {
    const { state, outcomes } = run([text('', { command: 'repair' }), text('', { choice: 'cat:water' }), text('取消')]);
    expect(state).toBeNull();
    expect(outcomes.at(-1)?.actions).toEqual([]);
    expect(outcomes.at(-1)?.replies[0]?.text).toContain('已取消');
  });
});

describe('emergencies, handoff and instant answers', () => {
  it('an emergency word skips every question: an urgent ticket and a handoff at once', () => {
    const out = botStep(null, text('楼上漏水了，水流到我家客厅'), ctx({ rememberedUnit: '5-1-302' }));
    expect(out.actions).toEqual([
      { type: 'create-repair', kind: 'water', description: '楼上漏水了，水流到我家客厅', unit: '5-1-302', photoMessageIds: [], urgent: true, emergencyWord: '漏水' },
      { type: 'handoff', reason: 'emergency' },
    ]);
    expect(out.replies[0]?.text).toContain('0755-12345678');
  });

  it('an emergency in the middle of a report keeps what was gathered', () => {
    const { outcomes } = run([text('', { command: 'repair' }), text('', { choice: 'cat:lift' }), text('电梯停在两层之间，有人被困')]);
    expect(outcomes.at(-1)?.actions[0]).toMatchObject({ kind: 'lift', urgent: true, emergencyWord: '被困' });
  });

  it('free words look for an instant answer; once an agent has answered the bot keeps quiet', () => {
    expect(botStep(null, text('物业费怎么交'), ctx()).actions).toEqual([{ type: 'instant-answer', text: '物业费怎么交' }]);
    expect(botStep(null, text('物业费怎么交'), ctx({ agentEngaged: true }))).toEqual({ state: null, replies: [], actions: [] });
  });

  it('while an agent is engaged, words are the agent’s (no menu for 你好, no emergency); commands, taps and a flow under way still reach the bot', () => {
    const engaged = ctx({ agentEngaged: true });
    expect(botStep(null, text('你好'), engaged)).toEqual({ state: null, replies: [], actions: [] });
    expect(botStep(null, text('漏水还没修好'), engaged)).toEqual({ state: null, replies: [], actions: [] });
    expect(botStep(null, text('', { command: 'repair' }), engaged).state).toMatchObject({ flow: 'repair', step: 'category' });
    expect(botStep(null, text('', { choice: 'bot:status' }), engaged).actions).toEqual([{ type: 'list-tickets' }]);
    const underWay: FlowState = { flow: 'repair', step: 'description', kind: 'water', photoMessageIds: [] };
    expect(botStep(underWay, text('取消'), engaged).replies[0]?.text).toContain('已取消');
    expect(botStep(underWay, text('卫生间漏水'), engaged).actions[0]).toMatchObject({ type: 'create-repair', urgent: true });
  });

  it('"talk to a person" after an answer counts it unhelpful and hands off', () => {
    const out = botStep(null, text('', { choice: 'bot:unhelpful:a1' }), ctx());
    expect(out.actions).toEqual([{ type: 'answer-feedback', answerId: 'a1', helpful: false }, { type: 'handoff', reason: 'unhelpful' }]);
  });

  it('/human hands off; /lang switches language; a sentence that mentions 报修 is not a command', () => {
    expect(botStep(null, text('人工'), ctx()).actions).toEqual([{ type: 'handoff', reason: 'asked' }]);
    // Midway through a report, the agent is handed what was gathered.
    const midway: FlowState = { flow: 'repair', step: 'photo', kind: 'water', description: '厨房水龙头关不紧', photoMessageIds: ['m1'] };
    expect(botStep(midway, text('人工'), ctx()).actions).toEqual([
      { type: 'handoff', reason: 'asked', gathered: ['报修类别 kind: 水管/漏水', '描述 description: 厨房水龙头关不紧', '照片 photos: 1'] },
    ]);
    expect(botStep(null, text('', { command: 'lang' }), ctx()).actions).toEqual([{ type: 'set-locale', locale: 'en' }]);
    expect(botStep(null, text('报修的师傅什么时候来'), ctx()).actions).toEqual([{ type: 'instant-answer', text: '报修的师傅什么时候来' }]);
  });

  it('adding to a ticket takes the next words or photo', () => {
    const { outcomes } = run([text('', { choice: 'note:WO-20261203-0001' }), text('', { photo: true, messageId: 'p9' })]);
    expect(outcomes.at(-1)?.actions).toEqual([{ type: 'add-to-ticket', ticketNumber: 'WO-20261203-0001', messageId: 'p9' }]);
  });
});
