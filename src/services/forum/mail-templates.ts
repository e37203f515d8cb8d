/**
 * The forum's mail, in Chinese first and English below (owners choose no language when they
 * sign up). Every owner-supplied value is escaped for the HTML part.
 */
import type { MailMessage } from '../mailer.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

interface Body {
  zh: string[];
  en: string[];
  link?: { href: string; zh: string; en: string };
}

function compose(to: string, subject: string, body: Body, footer?: { unsubscribe: string }): MailMessage {
  const link = body.link;
  const text = [
    ...body.zh,
    ...(link ? [`${link.zh}: ${link.href}`] : []),
    '',
    '—',
    '',
    ...body.en,
    ...(link ? [`${link.en}: ${link.href}`] : []),
    ...(footer ? ['', `退订通知 / Unsubscribe: ${footer.unsubscribe}`] : []),
  ].join('\n');
  const para = (lines: string[]) => lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('');
  const button = (label: string) => (link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(label)}</a></p>` : '');
  const html =
    `<div lang="zh-CN">${para(body.zh)}${button(link?.zh ?? '')}</div><hr>` +
    `<div lang="en">${para(body.en)}${button(link?.en ?? '')}</div>` +
    (footer ? `<p style="color:#666;font-size:12px"><a href="${escapeHtml(footer.unsubscribe)}">退订通知 / Unsubscribe</a></p>` : '');
  return {
    to,
    subject,
    text,
    html,
    ...(footer ? { headers: { 'List-Unsubscribe': `<${footer.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
  };
}

export function verifyMail(to: string, name: string, href: string): MailMessage {
  return compose(to, '请验证您的邮箱 / Verify your email — 业主论坛', {
    zh: [`${name}，您好：`, '感谢注册业主论坛。请点击下面的链接验证邮箱（24 小时内有效）。', '如果不是您本人注册，请忽略此邮件。'],
    en: [`Hello ${name},`, 'Thank you for joining the owners’ forum. Open the link below to verify your email (valid for 24 hours).', 'If you did not sign up, ignore this message.'],
    link: { href, zh: '验证邮箱', en: 'Verify email' },
  });
}

/** Sent instead of a second account when someone signs up with a registered address. */
export function alreadyRegisteredMail(to: string, loginHref: string, resetHref: string): MailMessage {
  return compose(to, '您已注册业主论坛 / You already have a forum account', {
    zh: ['有人（可能是您）用这个邮箱再次注册业主论坛。这个邮箱已经有账号了。', `登录：${loginHref}`, '忘记密码可以在此重设：'],
    en: ['Someone (probably you) tried to sign up again with this address, which already has an account.', `Sign in: ${loginHref}`, 'Forgot your password? Reset it here:'],
    link: { href: resetHref, zh: '重设密码', en: 'Reset password' },
  });
}

export function resetMail(to: string, href: string): MailMessage {
  return compose(to, '重设密码 / Reset your password — 业主论坛', {
    zh: ['请点击下面的链接重设业主论坛密码（1 小时内有效）。', '如果不是您本人操作，请忽略此邮件，密码不会改变。'],
    en: ['Open the link below to choose a new forum password (valid for 1 hour).', 'If you did not ask for this, ignore this message; your password stays the same.'],
    link: { href, zh: '重设密码', en: 'Reset password' },
  });
}

export function replyNotificationMail(
  to: string,
  p: { topicTitle: string; replier: string; staff: boolean; excerpt: string; href: string; unsubscribe: string },
): MailMessage {
  const who = p.staff ? `客服中心（${p.replier}）` : p.replier;
  const whoEn = p.staff ? `The service center (${p.replier})` : p.replier;
  return compose(
    to,
    `${p.staff ? '客服中心回复了' : '有人回复了'}您的主题：${p.topicTitle} / New reply`,
    {
      zh: [`${who} 回复了您的主题「${p.topicTitle}」：`, p.excerpt],
      en: [`${whoEn} replied to your topic “${p.topicTitle}”:`, p.excerpt],
      link: { href: p.href, zh: '查看回复', en: 'Read the reply' },
    },
    { unsubscribe: p.unsubscribe },
  );
}

export function privateMessageMail(to: string, p: { staffName: string; excerpt: string; href: string; unsubscribe: string }): MailMessage {
  return compose(
    to,
    '客服中心给您发来私信 / A private message from the service center',
    {
      zh: [`客服中心（${p.staffName}）给您发来一条私信：`, p.excerpt],
      en: [`The service center (${p.staffName}) sent you a private message:`, p.excerpt],
      link: { href: p.href, zh: '查看私信', en: 'Read the message' },
    },
    { unsubscribe: p.unsubscribe },
  );
}
