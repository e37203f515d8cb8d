/**
 * The self-service bot's admin API as the inbox reads it: its settings, the Telegram welcome
 * text, the instant answers and the "try a question" probe. Shapes mirror the server's zod
 * schemas (src/http/routes/bot-routes.ts, misc-routes.ts).
 */
import { apiRequest } from './client';

export type AnswerLocale = 'zh-CN' | 'en';

export interface BotSettings {
  enabled: boolean;
  emergencyWords: string[];
  emergencyPhone: string;
  /** `{opensAt}` and `{phone}` are filled in by the server when the notice is sent. */
  offHoursNotice: string;
  calendarId: string;
  /** 0..1; only servers with instant answers send it, so the form shows it only then. */
  answerThreshold?: number;
}

export interface Answer {
  id: string;
  question: string;
  keywords: string[];
  phrasings: string[];
  answer: string;
  locale: AnswerLocale;
  enabled: boolean;
  shown: number;
  helpful: number;
  unhelpful: number;
  createdAt: string;
  updatedAt: string;
}

export interface AnswerDraft {
  question: string;
  keywords: string[];
  phrasings: string[];
  answer: string;
  locale: AnswerLocale;
  enabled?: boolean;
}

export interface ScoredAnswer {
  id: string;
  question: string;
  score: number;
}

export interface TryResult {
  threshold: number;
  best: ScoredAnswer | null;
  /** Whether the bot would send the best answer (its score reaches the threshold). */
  answers: boolean;
  candidates: ScoredAnswer[];
}

export interface CalendarOption {
  id: string;
  name: string;
}

const enc = encodeURIComponent;

export const botKeys = {
  settings: ['bot', 'settings'] as const,
  welcome: ['bot', 'welcome'] as const,
  answers: ['bot', 'answers'] as const,
  calendars: ['bot', 'calendars'] as const,
};

export const fetchBotSettings = (signal?: AbortSignal) => apiRequest<BotSettings>('/api/bot/settings', { signal });
export const saveBotSettings = (patch: Partial<BotSettings>) => apiRequest<BotSettings>('/api/bot/settings', { method: 'PUT', body: patch });

export const fetchWelcome = (signal?: AbortSignal) => apiRequest<{ text: string }>('/api/settings/telegram-welcome', { signal });
export const saveWelcome = (text: string) => apiRequest<{ text: string }>('/api/settings/telegram-welcome', { method: 'PUT', body: { text } });

export const fetchCalendars = async (signal?: AbortSignal): Promise<CalendarOption[]> =>
  (await apiRequest<{ data: CalendarOption[] }>('/api/calendars', { signal })).data.map((c) => ({ id: c.id, name: c.name }));

export const fetchAnswers = async (signal?: AbortSignal): Promise<Answer[]> => (await apiRequest<{ data: Answer[] }>('/api/bot/answers', { signal })).data;
export const createAnswer = (draft: AnswerDraft) => apiRequest<Answer>('/api/bot/answers', { method: 'POST', body: draft });
export const updateAnswer = (id: string, patch: Partial<AnswerDraft>) => apiRequest<Answer>(`/api/bot/answers/${enc(id)}`, { method: 'PATCH', body: patch });
export const deleteAnswer = (id: string) => apiRequest<void>(`/api/bot/answers/${enc(id)}`, { method: 'DELETE' });
export const tryQuestion = (text: string, locale?: AnswerLocale) =>
  apiRequest<TryResult>('/api/bot/answers/try', { method: 'POST', body: locale ? { text, locale } : { text } });
