/**
 * The bot's one decision: given where the owner is (flow state), what they just sent and what
 * the service knows about them, what it says, what it does and where the owner is next. Pure:
 * every lookup (tickets, answers, units) happens in services/bot before or after this.
 */
import type { BotLocale } from './bot-locale.js';
import { say } from './bot-texts.js';
import { choiceFromText, type BotChoice } from './choices.js';
import { findEmergencyWord, kindOfEmergency } from './emergency.js';
import type { FlowState, RepairState } from './flow-state.js';
import { intentOfCommand, intentOfMenuKey, intentOfWords, type BotIntent } from './intents.js';
import { isRepairKind, REPAIR_KIND_LABELS, REPAIR_KINDS, type RepairKind } from './repair-categories.js';
import { normalizeUnit } from './unit.js';

export interface BotInput {
  text: string;
  /** A slash command (Telegram), without the slash. */
  command?: string;
  /** What a tap or click carried (callback data without `bot:`, a menu id or key). */
  choice?: string;
  /** The message carries a photo. */
  photo: boolean;
  /** The stored inbound message, for photos and additions that point back at it. */
  messageId: string | null;
}

export interface BotContext {
  locale: BotLocale;
  welcomeText: string;
  rememberedUnit: string | null;
  /** The estate's units, when they are known: a unit not among them is asked again. */
  knownUnits: readonly string[] | null;
  emergencyWords: readonly string[];
  emergencyPhone: string;
  /** An agent has answered in this conversation: free text is theirs and the bot keeps quiet. */
  agentEngaged: boolean;
  /** The choices of the bot's last question, for numbered replies. */
  offered: readonly BotChoice[];
}

export interface BotReply {
  text: string;
  choices: BotChoice[];
}

export type HandoffReason = 'asked' | 'emergency' | 'unhelpful';

export type BotAction =
  | { type: 'create-repair'; kind: RepairKind; description: string; unit: string | null; photoMessageIds: string[]; urgent: boolean; emergencyWord: string | null }
  | { type: 'list-tickets' }
  | { type: 'add-to-ticket'; ticketNumber: string; messageId: string }
  /** `gathered`: what an unfinished report already holds, for the agent who takes over. */
  | { type: 'handoff'; reason: HandoffReason; gathered?: string[] }
  | { type: 'set-locale'; locale: BotLocale }
  | { type: 'remember-unit'; unit: string }
  | { type: 'instant-answer'; text: string }
  | { type: 'answer-feedback'; answerId: string; helpful: boolean };

export interface BotOutcome {
  state: FlowState | null;
  replies: BotReply[];
  actions: BotAction[];
}

const reply = (text: string, choices: BotChoice[] = []): BotReply => ({ text, choices });

export function menuChoices(locale: BotLocale): BotChoice[] {
  return [
    { value: 'repair', label: say('choiceRepair', locale) },
    { value: 'status', label: say('choiceStatus', locale) },
    { value: 'human', label: say('choiceHuman', locale) },
    { value: 'lang', label: say('choiceLang', locale) },
  ];
}

function categoryChoices(locale: BotLocale): BotChoice[] {
  return REPAIR_KINDS.map((kind) => ({ value: `cat:${kind}`, label: REPAIR_KIND_LABELS[kind][locale] }));
}

/** The choice of a tap, or of a typed number/label answering the last question. */
function pickedValue(input: BotInput, ctx: BotContext): string | null {
  if (input.choice) return input.choice.replace(/^bot:/, '');
  if (ctx.offered.length > 0 && input.text) return choiceFromText(input.text, ctx.offered)?.value ?? null;
  return null;
}

function intentOf(input: BotInput, picked: string | null, wordsCount: boolean): BotIntent | null {
  if (picked) return intentOfMenuKey(picked);
  if (input.command) return intentOfCommand(input.command);
  return wordsCount ? intentOfWords(input.text) : null;
}

export function botStep(state: FlowState | null, input: BotInput, ctx: BotContext): BotOutcome {
  const { locale } = ctx;
  const picked = pickedValue(input, ctx);
  // Talking with an agent, "你好" or "漏水还没修好" is said to the agent: with no flow under way
  // only commands and taps reach the bot.
  const listening = state !== null || !ctx.agentEngaged;

  // An emergency overrides whatever was under way: no questions, an urgent ticket, a person.
  const emergencyWord = picked || input.command || !listening ? null : findEmergencyWord(input.text, ctx.emergencyWords);
  if (emergencyWord) {
    const repair = state?.flow === 'repair' ? state : null;
    const description = [repair?.description, input.text.trim()].filter(Boolean).join('\n');
    return {
      state: null,
      replies: [reply(say('emergency', locale, { phone: ctx.emergencyPhone }))],
      actions: [
        {
          type: 'create-repair',
          kind: repair?.kind ?? kindOfEmergency(input.text),
          description,
          unit: ctx.rememberedUnit,
          photoMessageIds: [...(repair?.photoMessageIds ?? []), ...(input.photo && input.messageId ? [input.messageId] : [])],
          urgent: true,
          emergencyWord,
        },
        { type: 'handoff', reason: 'emergency' },
      ],
    };
  }

  const intent = intentOf(input, picked, listening);
  if (intent) return onIntent(intent, state, ctx);
  if (picked?.startsWith('helpful:') || picked?.startsWith('unhelpful:')) {
    const helpful = picked.startsWith('helpful:');
    const answerId = picked.slice(picked.indexOf(':') + 1);
    if (helpful) return { state, replies: [reply(say('thanksHelpful', locale))], actions: [{ type: 'answer-feedback', answerId, helpful }] };
    return {
      state: null,
      replies: [reply(say('handoff', locale))],
      actions: [{ type: 'answer-feedback', answerId, helpful }, { type: 'handoff', reason: 'unhelpful' }],
    };
  }
  if (picked?.startsWith('note:')) {
    const ticketNumber = picked.slice('note:'.length);
    return { state: { flow: 'ticket-note', ticketNumber }, replies: [reply(say('askTicketNote', locale, { number: ticketNumber }))], actions: [] };
  }

  if (state?.flow === 'repair') return repairStep(state, input, picked, ctx);
  if (state?.flow === 'ticket-note') {
    if (!input.messageId || (!input.text.trim() && !input.photo)) return { state, replies: [reply(say('askTicketNote', locale, { number: state.ticketNumber }))], actions: [] };
    return {
      state: null,
      replies: [reply(say('ticketNoteAdded', locale, { number: state.ticketNumber }))],
      actions: [{ type: 'add-to-ticket', ticketNumber: state.ticketNumber, messageId: input.messageId }],
    };
  }
  // Free words with nothing under way: an instant answer if one fits, else the agents'.
  if (ctx.agentEngaged || !input.text.trim()) return { state: null, replies: [], actions: [] };
  return { state: null, replies: [], actions: [{ type: 'instant-answer', text: input.text }] };
}

function onIntent(intent: BotIntent, state: FlowState | null, ctx: BotContext): BotOutcome {
  const { locale } = ctx;
  switch (intent) {
    case 'start':
      return { state: null, replies: [...(ctx.welcomeText ? [reply(ctx.welcomeText)] : []), reply(say('menu', locale), menuChoices(locale))], actions: [] };
    case 'repair':
      return { state: { flow: 'repair', step: 'category', photoMessageIds: [] }, replies: [reply(say('askCategory', locale), categoryChoices(locale))], actions: [] };
    case 'status':
      return { state: null, replies: [], actions: [{ type: 'list-tickets' }] };
    case 'human':
      return { state: null, replies: [reply(say('handoff', locale))], actions: [{ type: 'handoff', reason: 'asked', ...gatheredOf(state) }] };
    case 'lang': {
      const next: BotLocale = locale === 'en' ? 'zh-CN' : 'en';
      return { state, replies: [reply(say('langSet', next))], actions: [{ type: 'set-locale', locale: next }] };
    }
    case 'cancel':
      return { state: null, replies: [reply(say(state ? 'cancelled' : 'nothingToCancel', locale))], actions: [] };
  }
}

function repairStep(state: RepairState, input: BotInput, picked: string | null, ctx: BotContext): BotOutcome {
  const { locale } = ctx;
  const text = input.text.trim();
  const photos = input.photo && input.messageId ? [...state.photoMessageIds, input.messageId] : state.photoMessageIds;
  switch (state.step) {
    case 'category': {
      const kind = picked?.startsWith('cat:') ? picked.slice(4) : null;
      if (kind && isRepairKind(kind)) return { state: { ...state, step: 'description', kind }, replies: [reply(say('askDescription', locale))], actions: [] };
      // Owners often skip straight to the problem: take it as the description of an "other" repair.
      if (text.length >= 2) return afterDescription({ ...state, kind: 'other', description: text, photoMessageIds: photos }, input.photo, ctx);
      return { state, replies: [reply(say('askCategory', locale), categoryChoices(locale))], actions: [] };
    }
    case 'description': {
      if (text.length < 2) {
        if (input.photo) return { state: { ...state, photoMessageIds: photos }, replies: [reply(say('askDescription', locale))], actions: [] };
        return { state, replies: [reply(say('descriptionTooShort', locale))], actions: [] };
      }
      return afterDescription({ ...state, description: text, photoMessageIds: photos }, input.photo, ctx);
    }
    case 'photo': {
      if (input.photo) return toUnit({ ...state, photoMessageIds: photos }, ctx);
      if (picked === 'skip' || !text) return toUnit(state, ctx);
      // More words instead of a photo: they belong to the description.
      return toUnit({ ...state, description: [state.description, text].filter(Boolean).join('\n') }, ctx);
    }
    case 'unit': {
      const unit = picked === 'same-unit' ? ctx.rememberedUnit : normalizeUnit(text);
      if (!unit) return toUnit(state, ctx);
      if (ctx.knownUnits && !ctx.knownUnits.includes(unit)) return { state, replies: [reply(say('unknownUnit', locale, { unit }))], actions: [] };
      return {
        state: null,
        replies: [],
        actions: [
          { type: 'remember-unit', unit },
          { type: 'create-repair', kind: state.kind ?? 'other', description: state.description ?? '', unit, photoMessageIds: state.photoMessageIds, urgent: false, emergencyWord: null },
        ],
      };
    }
  }
}

function afterDescription(state: RepairState, hadPhoto: boolean, ctx: BotContext): BotOutcome {
  if (hadPhoto) return toUnit(state, ctx);
  return {
    state: { ...state, step: 'photo' },
    replies: [reply(say('askPhoto', ctx.locale), [{ value: 'skip', label: say('choiceSkip', ctx.locale) }])],
    actions: [],
  };
}

function toUnit(state: RepairState, ctx: BotContext): BotOutcome {
  const next: RepairState = { ...state, step: 'unit' };
  const unit = ctx.rememberedUnit;
  if (unit) {
    return { state: next, replies: [reply(say('askUnitRemembered', ctx.locale, { unit }), [{ value: 'same-unit', label: say('choiceSameUnit', ctx.locale, { unit }) }])], actions: [] };
  }
  return { state: next, replies: [reply(say('askUnit', ctx.locale))], actions: [] };
}

/** What an unfinished flow gathered, as lines for the handoff note (in Chinese, the agents' language). */
function gatheredOf(state: FlowState | null): { gathered?: string[] } {
  if (!state) return {};
  if (state.flow === 'ticket-note') return { gathered: [`补充工单 adding to ticket ${state.ticketNumber}`] };
  const lines = [
    state.kind ? `报修类别 kind: ${REPAIR_KIND_LABELS[state.kind]['zh-CN']}` : null,
    state.description ? `描述 description: ${state.description}` : null,
    state.photoMessageIds.length > 0 ? `照片 photos: ${state.photoMessageIds.length}` : null,
  ].filter((l): l is string => l !== null);
  return lines.length > 0 ? { gathered: lines } : {};
}
