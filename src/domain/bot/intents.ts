/**
 * What an owner asks the bot for, read from a slash command (Telegram), a whole-message word
 * (报修, 查进度, 人工 on channels without commands), a menu key (the 服务号's CLICK menu) or a
 * tapped choice. Words match only as the whole message, so "报修的师傅还没来" stays a message
 * for a person instead of starting a new report.
 */
export const BOT_INTENTS = ['start', 'repair', 'status', 'human', 'lang', 'cancel'] as const;
export type BotIntent = (typeof BOT_INTENTS)[number];

const WORDS: Record<BotIntent, readonly string[]> = {
  start: ['开始', '菜单', 'menu', 'start', 'hi', 'hello', '你好', '您好'],
  repair: ['报修', '我要报修', '维修', 'repair', 'report a repair'],
  status: ['查进度', '我的工单', '进度', '工单', 'status', 'my tickets'],
  human: ['人工', '人工客服', '转人工', '找客服', '客服', 'human', 'agent', 'talk to a person'],
  lang: ['语言', 'language', 'english', '中文'],
  cancel: ['取消', 'cancel', '退出'],
};

export function isBotIntent(value: string): value is BotIntent {
  return (BOT_INTENTS as readonly string[]).includes(value);
}

/** Strips what owners add around a word ("报修！", " 人工 ") before comparing. */
function bare(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^[\s/#]+|[\s.!?。！？,，~～]+$/gu, '');
}

export function intentOfWords(text: string): BotIntent | null {
  const t = bare(text);
  if (!t || t.length > 20) return null;
  for (const intent of BOT_INTENTS) if (WORDS[intent].includes(t)) return intent;
  return null;
}

/** A Telegram command (`/repair@HuixinBot` arrives as command "repair"). */
export function intentOfCommand(command: string | undefined): BotIntent | null {
  if (!command) return null;
  const name = command.toLowerCase().split('@')[0] ?? '';
  return isBotIntent(name) ? name : null;
}

/** A menu key of the 服务号 (REPAIR, bot:repair …): case and the `bot:` prefix do not matter. */
export function intentOfMenuKey(key: string): BotIntent | null {
  const k = key.trim().toLowerCase().replace(/^bot:/, '');
  return isBotIntent(k) ? k : null;
}

/** The commands a chat platform lists for the bot (Telegram setMyCommands), per language. */
export const COMMAND_LIST: Record<'zh-CN' | 'en', { command: string; description: string }[]> = {
  'zh-CN': [
    { command: 'start', description: '开始 / 菜单' },
    { command: 'repair', description: '报修' },
    { command: 'status', description: '我的工单' },
    { command: 'human', description: '人工客服' },
    { command: 'lang', description: '切换语言 Language' },
    { command: 'cancel', description: '取消当前操作' },
  ],
  en: [
    { command: 'start', description: 'Start / menu' },
    { command: 'repair', description: 'Report a repair' },
    { command: 'status', description: 'My tickets' },
    { command: 'human', description: 'Talk to a person' },
    { command: 'lang', description: 'Language 切换语言' },
    { command: 'cancel', description: 'Cancel what is under way' },
  ],
};
