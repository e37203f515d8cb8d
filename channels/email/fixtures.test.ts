/**
 * The whole fixture corpus through parse → normalize (trim) → classify, with what a person
 * reading each mail would expect: decoded text, the new text only, the right class.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyEmail, whyNotAcknowledge, type EmailClass, type NoAcknowledgeReason } from './auto-reply.js';
import { normalizeEmail } from './normalize.js';
import { parseEmail } from './parse.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const load = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));

interface Expectation {
  class: EmailClass;
  from: string;
  name: string;
  subject: string;
  /** Replies to us: the Message-ID of our reply they answer. */
  inReplyTo?: string;
  /** In the trimmed (shown) text. */
  shows: string[];
  /** Quoted history and signatures: in the full text, not in the shown text. */
  hides?: string[];
  /** Why it would get no automatic acknowledgement; unset: an owner's mail that gets one. */
  noAck?: NoAcknowledgeReason;
}

const CORPUS: Record<string, Expectation> = {
  'foxmail-gb2312-reply.eml': {
    class: 'normal',
    from: 'wangjianguo@foxmail.example',
    name: 'wangjianguo',
    subject: '回复: Re: 5栋顶楼漏水',
    inReplyTo: '<huixin.c01foxmail.m0002@wuye.example.com>',
    shows: ['师傅昨天来看过了，说是楼顶防水层老化', '次卧天花板一直在滴水', '5栋1单元1202'],
    hides: ['发件人：', '维修部已安排师傅明天上午上门查看', '________________'],
  },
  'qq-gb18030-reply.eml': {
    class: 'normal',
    from: 'taoyi@qq.example',
    name: '陶𫖮',
    subject: '回复：Re: 车库照明报修',
    inReplyTo: '<huixin.c02qqmail.m0002@wuye.example.com>',
    shows: ['车库的灯已经修好了，谢谢！', 'B2层电梯厅门口的地砖也松了一块', '陶𫖮'],
    hides: ['原始邮件', '维修师傅今天下午两点到B2层更换灯管'],
  },
  'outlook-big5.eml': {
    class: 'normal',
    from: 'chen.meiling@mail.tw.example',
    name: '陳美玲',
    subject: '中庭感應燈故障，請盡快維修',
    shows: ['大樓中庭的感應燈已經壞了一個星期', '長輩走路不安全', '麻煩盡快派人處理，謝謝！'],
  },
  'thunderbird-iso2022jp.eml': {
    class: 'normal',
    from: 'hanako.sato@mail.jp.example',
    name: '佐藤 花子',
    subject: '断水の時間について',
    shows: ['７号棟３０２号室の佐藤です。', '来週予定されている断水の時間帯を教えていただけますでしょうか。'],
  },
  'iphone-utf8-qp-reply.eml': {
    class: 'normal',
    from: 'zhangwei8582@126.example',
    name: '张伟',
    subject: 'Re: 卫生间天花板渗水',
    inReplyTo: '<huixin.c03iphone.m0002@wuye.example.com>',
    shows: ['好的，明天上午我在家，师傅九点以后来都可以。'],
    hides: ['发自我的iPhone', '写道：', '卫生间天花板渗水问题'],
  },
  'gmail-zh-reply.eml': {
    class: 'normal',
    from: 'liuyang.owner@gmail.example',
    name: '刘洋',
    subject: 'Re: 装修申请审批结果',
    inReplyTo: '<huixin.c04gmail.m0002@wuye.example.com>',
    shows: ['周六上午十点去物业服务中心签字可以吗？需要带房产证原件吗？', '刘洋'],
    hides: ['于2026年11月20日周五 10:00写道：', '您的装修申请已初审通过'],
  },
  'apple-mail-en-reply.eml': {
    class: 'normal',
    from: 'david.miller@icloud.example',
    name: 'David Miller',
    subject: 'Re: Balcony drain pipe replacement',
    inReplyTo: '<huixin.c05apple.m0002@wuye.example.com>',
    shows: ['Thursday afternoon works for me', 'call me ten minutes before arriving'],
    hides: ['wrote:', 'air-conditioning drain pipe'],
  },
  'outlook-yuanshi-reply.eml': {
    class: 'normal',
    from: 'zhaozhe@corp.example',
    name: '赵喆',
    subject: '答复: 回复: 电梯维保记录查询',
    inReplyTo: '<huixin.c06outlook.m0002@wuye.example.com>',
    shows: ['电梯维保报告还没有收到', '3栋1单元的电梯这两天又有异响', '赵喆'],
    hides: ['-----原始邮件-----', '发件人:', '发送时间:', '整理好后会通过邮件发给您'],
  },
  'gmail-forward.eml': {
    class: 'normal',
    from: 'liufang.owner@gmail.example',
    name: '刘芳',
    subject: 'Fwd: 装修时间',
    // A forward is kept whole: the forwarded neighbour's mail is why the owner wrote.
    shows: ['麻烦协调一下施工时间', 'Forwarded message', '工人每天早上7点开工，晚上6点收工。'],
  },
  'auto-reply-vacation.eml': {
    class: 'auto_reply',
    from: 'sunli@gmail.example',
    name: '孙丽',
    subject: '外出休假（11月29日返回）',
    inReplyTo: '<huixin.c07vacation.m0002@wuye.example.com>',
    shows: ['11月21日至11月29日外出'],
    noAck: 'auto-submitted',
  },
  'auto-reply-exchange.eml': {
    class: 'auto_reply',
    from: 'admin@tenant-co.example',
    name: 'Tenant Co Admin',
    subject: 'Tenant Co Autoreply',
    inReplyTo: '<huixin.c08exchange.m0002@wuye.example.com>',
    shows: ['您的邮件已收到'],
    noAck: 'auto-submitted',
  },
  'auto-reply-zh-subject.eml': {
    class: 'auto_reply',
    from: 'zhengfang@qq.example',
    name: '郑芳',
    subject: '自动回复: Re: 3栋电梯异响处理进度',
    shows: ['这是一封自动回复邮件'],
    noAck: 'auto-response-suppress',
  },
  'bulk-newsletter.eml': {
    class: 'bulk',
    from: 'noreply@gas.example.com',
    name: '城东燃气',
    subject: '【城东燃气】2026年11月电子账单',
    shows: ['应缴金额 69.00 元'],
    noAck: 'precedence',
  },
  'dsn-bounce.eml': {
    class: 'bounce',
    from: 'mailer-daemon@mx.wuye.example.com',
    name: 'Mail Delivery System',
    subject: 'Undelivered Mail Returned to Sender',
    shows: ['could not\nbe delivered'],
    noAck: 'auto-submitted',
  },
  'html-only-webform.eml': {
    class: 'normal',
    from: 'wumin.owner@163.example',
    name: '吴敏',
    subject: '在线报修：厨房下水管漏水',
    shows: ['厨房水槽下水管漏水，橱柜底板已经泡坏&发霉。', '• 上午 9:00–12:00', '报修人  吴敏（7栋2单元603）'],
  },
  'inline-image.eml': {
    class: 'normal',
    from: 'guoqiang.owner@gmail.example',
    name: '郭强',
    subject: '客厅墙面裂缝（附照片）',
    shows: ['客厅靠阳台的墙面出现一条斜裂缝'],
  },
  'auto-reply-outlook-oof.eml': {
    class: 'auto_reply',
    from: 'zhoulei@tenant-co.example',
    name: '周磊',
    subject: 'Automatic reply: Re: 3栋电梯异响',
    inReplyTo: '<huixin.c10ack.m0002@wuye.example.com>',
    shows: ['I am out of the office'],
    noAck: 'auto-submitted',
  },
  // Stored as an owner's mail (nothing says it is automatic), but it asks for no automatic answer.
  'outlook-suppress-all.eml': {
    class: 'normal',
    from: 'facilities@tenant-co.example',
    name: '设施管理系统',
    subject: '货梯使用申请：3栋12层 12月5日',
    shows: ['需要使用3号货梯'],
    noAck: 'auto-response-suppress',
  },
  'procmail-x-loop.eml': {
    class: 'normal',
    from: 'hejun@home.example',
    name: '何军',
    subject: '车库道闸又坏了',
    shows: ['道闸杆又抬不起来了'],
    noAck: 'x-loop',
  },
  'noreply-payment.eml': {
    class: 'normal',
    from: 'no-reply@pay.example',
    name: '缴费平台',
    subject: '物业费缴费成功通知',
    shows: ['已缴费成功'],
    noAck: 'machine-sender',
  },
  'attachment-pdf.eml': {
    class: 'normal',
    from: 'huanglei@icloud.example',
    name: '黄磊',
    subject: '装修申请表',
    shows: ['附件是填好的装修申请表，请查收。'],
  },
};

describe('fixture corpus', () => {
  it('has an expectation for every .eml file (a new fixture needs one)', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml')).sort();
    expect(files).toEqual(Object.keys(CORPUS).sort());
  });

  for (const [file, expected] of Object.entries(CORPUS)) {
    describe(file, () => {
      it('decodes, trims and classifies', async () => {
        const parsed = await parseEmail(load(file), { inboxId: 'inbox-1', maxAttachmentBytes: 25 * 1024 * 1024 });
        const message = normalizeEmail(parsed, 'inbox-1');

        expect(classifyEmail(parsed.headers, parsed)).toBe(expected.class);
        expect(whyNotAcknowledge({ headers: parsed.headers, from: parsed.from?.address, ownAddresses: ['kefu@wuye.example.com'] })).toBe(expected.noAck ?? null);
        expect(message.author.externalId).toBe(expected.from);
        expect(message.author.name).toBe(expected.name);
        expect(message.subject).toBe(expected.subject);
        expect(message.inReplyTo).toBe(expected.inReplyTo);
        expect(message.externalId).toBe(parsed.messageId);
        expect(message.sentAt.getTime()).not.toBe(0);

        // Decoding never leaves mojibake behind.
        expect(parsed.text).not.toMatch(/\ufffd|=\?[\w-]+\?[BQ]\?/i);
        expect(message.subject).not.toMatch(/\ufffd|=\?/);

        for (const s of expected.shows) expect(message.text).toContain(s);
        for (const s of expected.hides ?? []) {
          expect(parsed.text).toContain(s);
          expect(message.text).not.toContain(s);
        }
        expect(message.meta?.fullText).toBe(parsed.text);
        expect(message.text.length).toBeGreaterThan(0);
      });
    });
  }
});
