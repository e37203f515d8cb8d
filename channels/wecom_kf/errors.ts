import { tencentErrorMapper, TOKEN_EXPIRED_CODES } from '../wechat/tencent-api.js';

/**
 * WeCom customer service's errcodes as ChannelError codes. The platform lets a business
 * send at most 5 messages within 48 hours after the owner's last message, and only while the
 * session is in a state the API may answer; both refusals say so plainly.
 */
export const wecomError = tencentErrorMapper('wecom_kf', 'WeCom', (errcode, fail) => {
  if (errcode === 95001) {
    return fail('WINDOW_CLOSED', "Send limit reached: WeCom allows 5 messages within 48 hours of the owner's last message; wait until the owner writes again.");
  }
  if (errcode === 95018) {
    return fail('WINDOW_CLOSED', "The session does not accept messages now (closed, or more than 48 hours since the owner's last message).");
  }
  if (errcode === 45009 || errcode === 45033) return fail('RATE_LIMITED', 'WeCom API call limit reached.', 60_000);
  if (errcode === -1) return fail('NETWORK', 'WeCom is busy; trying again later.', 5_000);
  if (TOKEN_EXPIRED_CODES.has(errcode) || errcode === 40013 || errcode === 40091 || errcode === 41001 || errcode === 60020) {
    return fail('AUTH', 'WeCom refused the credentials (CorpId, customer-service secret or the trusted IP list).');
  }
  if (errcode === 95000 || errcode === 95004) return fail('INVALID', 'Unknown customer-service account (open_kfid).');
  if (errcode === 40096 || errcode === 95007) return fail('INVALID', 'The owner or the sync token is not valid for this account.');
  if (errcode === 40007) return fail('NOT_FOUND', 'The media file is no longer on WeCom (temporary media expire after 3 days).');
  return fail('INVALID', 'WeCom refused the message.');
});
