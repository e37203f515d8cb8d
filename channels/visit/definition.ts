/** 来访: walk-in visits logged by agents (see channels/log-only.ts). */
import { defineLogOnlyChannel } from '../log-only.js';

export const visitDefinition = defineLogOnlyChannel('visit', { en: 'Walk-in visits', 'zh-CN': '来访' });
