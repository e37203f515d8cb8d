import { z } from 'zod';
import { encodingAESKeySchema } from '../wechat/config.js';

export const wecomKfConfigSchema = z.object({
  /** 企业ID, from the WeCom admin console (My Company). */
  corpId: z.string().regex(/^w[wx][0-9a-zA-Z]{14,30}$/, 'a CorpId looks like ww followed by 16 letters or digits'),
  /** The 微信客服 secret (not an app's or the system's). */
  secret: z.string().min(1).max(128),
  /** The callback Token entered with the callback URL (up to 32 letters or digits). */
  token: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'the Token is up to 32 letters or digits'),
  encodingAESKey: encodingAESKeySchema,
  /** The customer-service account this inbox answers (open_kfid, wk…). */
  openKfId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an open_kfid looks like wk… (letters, digits, _ and -)'),
  apiRoot: z.string().url().default('https://qyapi.weixin.qq.com'),
  /** Sent once when an owner opens the chat and WeCom allows a welcome (enter_session with welcome_code). */
  welcomeText: z.string().min(1).max(680).optional(),
});
export type WeComKfConfig = z.infer<typeof wecomKfConfigSchema>;
