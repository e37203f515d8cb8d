import { z } from 'zod';
import { isEncodingAESKey } from './crypto.js';

/** An approved template of the Official Account, with the variables its text uses ({{first.DATA}} …). */
export const wechatTemplateSchema = z.object({
  /** The template_id from the platform's template library. */
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(100),
  variables: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'variable names are letters, digits and _')).max(20),
});
export type WeChatTemplate = z.infer<typeof wechatTemplateSchema>;

export const encodingAESKeySchema = z
  .string()
  .refine(isEncodingAESKey, 'an EncodingAESKey is the 43 characters the platform console generates');

export const wechatConfigSchema = z.object({
  appId: z.string().regex(/^wx[0-9a-f]{16}$/i, 'an AppId looks like wx followed by 16 hex digits'),
  appSecret: z.string().min(1).max(128),
  /** The Token entered in the console's server configuration (3 to 32 letters or digits). */
  token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'the Token is 3 to 32 letters or digits'),
  encodingAESKey: encodingAESKeySchema,
  apiRoot: z.string().url().default('https://api.weixin.qq.com'),
  templates: z.array(wechatTemplateSchema).max(50).optional(),
});
export type WeChatConfig = z.infer<typeof wechatConfigSchema>;
