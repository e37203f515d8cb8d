/**
 * Template messages (message/template/send): the one way to reach an owner more than 48 hours
 * after their last message. Only templates configured on the inbox may be used, with exactly
 * the variables configured for them, so a typo is a clear 400 instead of a blank line in the
 * owner's notification.
 */
import type { TemplateCheck } from '../definition.js';
import { ChannelError, type SendResult, type SendTarget } from '../types.js';
import type { WeChatTemplate } from './config.js';
import { wechatError } from './errors.js';
import type { TencentClient } from './tencent-api.js';

/** What OutboundMessage.meta carries when the stored message is a template message. */
export interface TemplateMeta {
  template: { id: string; variables: Record<string, string> };
}

export function templateOf(meta: Record<string, unknown> | undefined): TemplateMeta['template'] | null {
  const t = meta?.template;
  if (typeof t !== 'object' || t === null) return null;
  const { id, variables } = t as { id?: unknown; variables?: unknown };
  if (typeof id !== 'string' || typeof variables !== 'object' || variables === null) return null;
  return { id, variables: variables as Record<string, string> };
}

/** Null when `variables` fit the configured template, else the reason. */
export function templateProblem(templates: readonly WeChatTemplate[] | undefined, templateId: string, variables: Record<string, unknown>): string | null {
  const template = templates?.find((t) => t.id === templateId);
  if (!template) return `template ${templateId} is not configured on this inbox`;
  const missing = template.variables.filter((v) => typeof variables[v] !== 'string' || variables[v] === '');
  if (missing.length > 0) return `template "${template.name}" needs ${missing.join(', ')}`;
  const extra = Object.keys(variables).filter((k) => !template.variables.includes(k));
  if (extra.length > 0) return `template "${template.name}" has no variable ${extra.join(', ')}`;
  return null;
}

/** The thread's text for a template message: its name and the values, in the configured order. */
export function checkWeChatTemplate(templates: readonly WeChatTemplate[] | undefined, templateId: string, variables: Record<string, string>): TemplateCheck {
  const problem = templateProblem(templates, templateId, variables);
  if (problem) return { ok: false, error: problem };
  const template = templates!.find((t) => t.id === templateId)!;
  return { ok: true, preview: [`[${template.name}]`, ...template.variables.map((v) => `${v}: ${variables[v]}`)].join('\n') };
}

export async function sendWeChatTemplate(
  client: TencentClient,
  templates: readonly WeChatTemplate[] | undefined,
  target: SendTarget,
  templateId: string,
  variables: Record<string, string>,
): Promise<SendResult> {
  const problem = templateProblem(templates, templateId, variables);
  if (problem) throw new ChannelError('wechat', 'INVALID', problem);
  const data = Object.fromEntries(Object.entries(variables).map(([k, value]) => [k, { value }]));
  let answer;
  try {
    answer = await client.authed('/cgi-bin/message/template/send', {
      json: { touser: target.address, template_id: templateId, data },
      unsafeToRepeat: true,
    });
  } catch (err) {
    throw wechatError(err);
  }
  return { externalIds: [`wechat-tpl:${String(answer.msgid ?? target.messageId ?? '')}`] };
}
