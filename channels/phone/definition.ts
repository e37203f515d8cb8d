/** 来电: phone calls logged by agents (see channels/log-only.ts). */
import { defineLogOnlyChannel } from '../log-only.js';

export const phoneDefinition = defineLogOnlyChannel('phone', { en: 'Phone calls', 'zh-CN': '来电' });
