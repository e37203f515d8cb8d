/**
 * The self-service bot's admin API as the inbox reads it: its settings, the Telegram welcome
 * text, the instant answers and the "try a question" probe. Shapes are the server's own types.
 */
import type { BotLocale } from '../../../src/domain/bot/bot-locale';
import type { AnswerTrial, BotAnswerInput, BotAnswerView } from '../../../src/services/bot/bot-answers';
import type { BotSettings } from '../../../src/services/bot/bot-settings';
import { apiRequest } from './client';

export type AnswerLocale = BotLocale;
export type { BotSettings };
export type Answer = BotAnswerView;
export type AnswerDraft = BotAnswerInput;
export type TryResult = AnswerTrial;

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
