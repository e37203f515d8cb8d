import { tencentErrorMapper, TOKEN_EXPIRED_CODES } from './tencent-api.js';

/**
 * The Official Account API's errcodes as ChannelError codes. The ones agents meet are
 * spelled out so a failed reply says why, not just a number.
 */
export const wechatError = tencentErrorMapper('wechat', 'WeChat', (errcode, fail) => {
  if (errcode === 45015) {
    return fail('WINDOW_CLOSED', "Reply window closed: more than 48 hours since the owner's last message. Send an approved template message instead.");
  }
  if (errcode === 45047) return fail('RATE_LIMITED', "Too many replies since the owner's last message; wait until the owner writes again.", 60_000);
  if (errcode === 45009 || errcode === 45011) return fail('RATE_LIMITED', 'The Official Account reached its API call limit.', 60_000);
  if (errcode === -1) return fail('NETWORK', 'WeChat is busy; trying again later.', 5_000);
  if (TOKEN_EXPIRED_CODES.has(errcode) || errcode === 40125 || errcode === 40013 || errcode === 40164 || errcode === 41001) {
    return fail('AUTH', 'WeChat refused the credentials (AppId, AppSecret or the server IP allowlist).');
  }
  if (errcode === 43004) return fail('WINDOW_CLOSED', 'The owner no longer follows the Official Account.');
  if (errcode === 40003) return fail('NOT_FOUND', 'Unknown owner (OpenID not of this Official Account).');
  if (errcode === 40007) return fail('NOT_FOUND', 'The media file is no longer on WeChat (temporary media expire after 3 days).');
  if (errcode === 40037) return fail('INVALID', 'Unknown template id.');
  return fail('INVALID', 'WeChat refused the message.');
});
