/** What the bot says, in both languages. Agents' own words never come from here. */
import type { BotLocale, Localized } from './bot-locale.js';

export const BOT_TEXTS = {
  menu: {
    'zh-CN': '请选择您需要的服务，或直接留言：',
    en: 'Choose what you need, or just write to us:',
  },
  choiceRepair: { 'zh-CN': '报修', en: 'Report a repair' },
  choiceStatus: { 'zh-CN': '我的工单', en: 'My tickets' },
  choiceHuman: { 'zh-CN': '人工客服', en: 'Talk to a person' },
  choiceLang: { 'zh-CN': 'English', en: '中文' },
  askCategory: { 'zh-CN': '请选择报修类别：', en: 'What needs repairing?' },
  askDescription: {
    'zh-CN': '请简单描述问题（例如：厨房水龙头关不紧）。随时回复“取消”可退出。',
    en: 'Please describe the problem in a few words (e.g. the kitchen tap will not turn off). Reply "cancel" at any time to stop.',
  },
  descriptionTooShort: { 'zh-CN': '请多写几个字，方便师傅了解情况。', en: 'Please tell us a little more, so the technician knows what to bring.' },
  askPhoto: { 'zh-CN': '如方便，请发一张照片；没有照片请选“跳过”。', en: 'If you can, send a photo; otherwise choose "Skip".' },
  choiceSkip: { 'zh-CN': '跳过', en: 'Skip' },
  askUnit: { 'zh-CN': '请告诉我们房号（例如：3栋2单元501）。', en: 'Which unit is it? (e.g. Building 3, Entrance 2, Room 501)' },
  askUnitRemembered: { 'zh-CN': '是否仍是房号 {unit}？也可以直接回复新的房号。', en: 'Is it still unit {unit}? You can also reply with another unit.' },
  choiceSameUnit: { 'zh-CN': '是，{unit}', en: 'Yes, {unit}' },
  unknownUnit: {
    'zh-CN': '没有找到房号“{unit}”，请核对后重新输入（例如：3栋2单元501）。',
    en: 'We could not find unit "{unit}". Please check it and reply again (e.g. 3-2-501).',
  },
  cancelled: { 'zh-CN': '已取消，未提交任何内容。', en: 'Cancelled; nothing was submitted.' },
  nothingToCancel: { 'zh-CN': '当前没有进行中的操作。', en: 'Nothing is under way.' },
  emergency: {
    'zh-CN': '已收到紧急情况，已通知值班负责人立即处理。如有人身危险请先拨打 {phone}。',
    en: 'We have received your emergency and alerted the lead on duty. If anyone is in danger, call {phone} first.',
  },
  noTickets: { 'zh-CN': '您目前没有未完成的工单。', en: 'You have no open tickets.' },
  ticketsHeader: { 'zh-CN': '您的未完成工单：', en: 'Your open tickets:' },
  ticketLine: { 'zh-CN': '{number}｜{status}｜{department}｜预计 {due}', en: '{number} | {status} | {department} | due {due}' },
  choiceAddToTicket: { 'zh-CN': '补充 {number}', en: 'Add to {number}' },
  askTicketNote: { 'zh-CN': '请发送要补充到工单 {number} 的文字或照片。', en: 'Send the words or photo to add to ticket {number}.' },
  ticketNoteAdded: { 'zh-CN': '已补充到工单 {number}，处理人员会看到。', en: 'Added to ticket {number}; the people handling it will see it.' },
  handoff: {
    'zh-CN': '已为您转接人工客服，客服代表会尽快回复您。',
    en: 'We are passing you to a person; an agent will reply shortly.',
  },
  choiceHelpful: { 'zh-CN': '有帮助', en: 'That helped' },
  thanksHelpful: { 'zh-CN': '很高兴能帮到您！', en: 'Glad that helped!' },
  langSet: { 'zh-CN': '好的，接下来使用中文。', en: 'OK, English from now on.' },
  timedOut: { 'zh-CN': '上次的报修未完成，已自动取消。', en: 'Your unfinished repair report timed out and was cancelled.' },
  dueUnknown: { 'zh-CN': '待定', en: 'to be set' },
} satisfies Record<string, Localized>;

export type BotTextKey = keyof typeof BOT_TEXTS;

export function say(key: BotTextKey, locale: BotLocale, vars: Record<string, string> = {}): string {
  return BOT_TEXTS[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
