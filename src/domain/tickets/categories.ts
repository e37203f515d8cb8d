/**
 * The fixed keys of the public ticket contract (categories, priorities, statuses) and their
 * zh-CN / en labels. Keys are API values and never change; labels are what people read.
 */
import { z } from 'zod';
import { TICKET_STATUSES, type TicketStatus } from './state-machine.js';

export const TICKET_CATEGORIES = ['repair', 'complaint', 'inquiry', 'suggestion'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export const ticketCategorySchema = z.enum(TICKET_CATEGORIES);

/** Ordered from least to most urgent, so an index comparison ranks them. */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const ticketPrioritySchema = z.enum(TICKET_PRIORITIES);

export const ticketStatusSchema = z.enum(TICKET_STATUSES);

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type Labels<K extends string> = Record<K, Record<Locale, string>>;

export const CATEGORY_LABELS: Labels<TicketCategory> = {
  repair: { 'zh-CN': '报修', en: 'Repair' },
  complaint: { 'zh-CN': '投诉', en: 'Complaint' },
  inquiry: { 'zh-CN': '咨询', en: 'Inquiry' },
  suggestion: { 'zh-CN': '建议', en: 'Suggestion' },
};

export const PRIORITY_LABELS: Labels<TicketPriority> = {
  low: { 'zh-CN': '低', en: 'Low' },
  normal: { 'zh-CN': '普通', en: 'Normal' },
  high: { 'zh-CN': '高', en: 'High' },
  urgent: { 'zh-CN': '紧急', en: 'Urgent' },
};

export const STATUS_LABELS: Labels<TicketStatus> = {
  new: { 'zh-CN': '新建', en: 'New' },
  dispatched: { 'zh-CN': '已派单', en: 'Dispatched' },
  in_progress: { 'zh-CN': '处理中', en: 'In progress' },
  on_hold: { 'zh-CN': '挂起（等待业主）', en: 'On hold (waiting for owner)' },
  resolved: { 'zh-CN': '已解决', en: 'Resolved' },
  followed_up: { 'zh-CN': '已回访', en: 'Followed up' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
  reopened: { 'zh-CN': '已重新打开', en: 'Reopened' },
};

export const categoryLabel = (key: TicketCategory, locale: Locale): string => CATEGORY_LABELS[key][locale];
export const priorityLabel = (key: TicketPriority, locale: Locale): string => PRIORITY_LABELS[key][locale];
export const statusLabel = (key: TicketStatus, locale: Locale): string => STATUS_LABELS[key][locale];

/** -1, 0 or 1 as `a` is less, as, or more urgent than `b` (for sorting queues). */
export function comparePriority(a: TicketPriority, b: TicketPriority): number {
  return Math.sign(TICKET_PRIORITIES.indexOf(a) - TICKET_PRIORITIES.indexOf(b));
}
