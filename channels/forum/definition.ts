/**
 * The owners' forum as a definition. There is one forum inbox, seeded by src/start-forum.ts,
 * which also wires the forum's live side (its pages and its `send`) to stored data through
 * the ForumPort; so it is not creatable through the inbox API and `create` answers
 * UNSUPPORTED. Its answers may be public (a staff post) or private: `visibilityChoice`.
 */
import { defineChannel } from '../definition.js';
import { ChannelError, type ChannelCapabilities } from '../types.js';
import { forumConfigSchema, type ForumConfig } from './index.js';

const capabilities: ChannelCapabilities = {
  threads: true,
  edit: false,
  attachments: false,
  attachmentsIn: true,
  attachmentsOut: false,
  html: false,
  buttons: false,
  maxTextLength: 20_000,
  visibilityChoice: true,
  oneOpenPerThread: true,
};

export const forumDefinition = defineChannel<ForumConfig>({
  kind: 'forum',
  label: { en: 'Owners’ forum', 'zh-CN': '业主论坛' },
  configSchema: forumConfigSchema,
  secretFields: [],
  capabilities,
  accountKey: () => 'forum',
  creatable: false,
  create: () => ({
    kind: 'forum',
    configSchema: forumConfigSchema,
    capabilities,
    send: () => Promise.reject(new ChannelError('forum', 'UNSUPPORTED', 'forum answers are sent by the forum runtime (src/start-forum.ts)')),
  }),
});
