/** The center's standard phrases (规范服务用语), each in zh-CN and en, team-wide. */
export const STANDARD_PHRASES: { shortcode: string; title: string; content: string; locale: 'zh-CN' | 'en'; folder: string }[] = [
  { shortcode: 'hello', folder: '问候', locale: 'zh-CN', title: '问候语', content: '{{contact.name}}您好，这里是{{inbox.name}}，我是客服代表{{agent.name}}，很高兴为您服务。' },
  { shortcode: 'hello', folder: 'Greetings', locale: 'en', title: 'Greeting', content: 'Hello {{contact.name}}, this is {{agent.name}} from {{inbox.name}}. How can I help you?' },
  { shortcode: 'wait', folder: '问候', locale: 'zh-CN', title: '请稍等', content: '请您稍等，我马上为您查询。' },
  { shortcode: 'wait', folder: 'Greetings', locale: 'en', title: 'Please wait', content: 'Please wait a moment while I look into this for you.' },
  { shortcode: 'sorry', folder: '致歉', locale: 'zh-CN', title: '久等致歉', content: '对不起，让您久等了。' },
  { shortcode: 'sorry', folder: 'Apologies', locale: 'en', title: 'Sorry to keep you waiting', content: 'Sorry to keep you waiting.' },
  { shortcode: 'thanks', folder: '建议', locale: 'zh-CN', title: '感谢建议', content: '感谢您的宝贵建议，我们会不断改进。' },
  { shortcode: 'thanks', folder: 'Suggestions', locale: 'en', title: 'Thank you for your suggestion', content: 'Thank you for your suggestion, we will keep improving.' },
  { shortcode: 'scope', folder: '转介', locale: 'zh-CN', title: '超出服务范围', content: '您反映的问题超出了我们的服务范围，建议您致电相关单位咨询，电话：____。给您带来不便，敬请谅解。' },
  { shortcode: 'scope', folder: 'Referrals', locale: 'en', title: 'Beyond our service scope', content: 'This is beyond our service scope; please call ____ for help. We are sorry for the inconvenience.' },
  { shortcode: 'promise', folder: '承诺', locale: 'zh-CN', title: '承诺回复时间', content: '您的问题已记录（工单号 {{ticket.number}}），我们将在 {{ticket.due}} 前给您答复。' },
  { shortcode: 'promise', folder: 'Promises', locale: 'en', title: 'Promise of a reply time', content: 'Your request is recorded (ticket {{ticket.number}}); we will get back to you by {{ticket.due}}.' },
];
