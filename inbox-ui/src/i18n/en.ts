/** English interface text. The key set here is the catalog type every locale must fill. */
export const en = {
  'app.name': 'Huixin',
  'app.title': 'Huixin · Service inbox',
  'app.loading': 'Loading…',
  'app.retry': 'Retry',
  'app.serverError': 'Could not reach the server: {message}',

  'lang.label': 'Language',
  'lang.zh-CN': '中文',
  'lang.en': 'English',

  'login.title': 'Sign in',
  'login.subtitle': 'One inbox for every owner message',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.missing': 'Enter your email and password.',
  'login.invalid': 'Wrong email or password.',
  'login.failed': 'Could not sign in: {message}',
  'login.sessionExpired': 'Your session has ended. Please sign in again.',

  'header.user': 'Signed in as {name}',
  'header.logout': 'Sign out',

  'connection.error': 'Live updates are unavailable ({message}). Retrying…',
  'connection.errorNoReason': 'Live updates are unavailable. Retrying…',
  'connection.reconnecting': 'Connection lost. Reconnecting…',

  'list.label': 'Conversations',
  'list.statusFilter': 'Status',
  'list.assigneeFilter': 'Assignee',
  'list.empty': 'No conversations here.',
  'list.loadMore': 'Load more',
  'list.loadingMore': 'Loading…',
  'list.error': 'Could not load conversations: {message}',
  'list.unread': '{count} unread',
  'list.previewOut': 'You: {text}',
  'list.noMessages': 'No messages yet',
  'list.noText': '(no text)',

  'filter.status.open': 'Open',
  'filter.status.pending': 'Pending',
  'filter.status.resolved': 'Resolved',
  'filter.status.all': 'All',
  'filter.assignee.me': 'Mine',
  'filter.assignee.unassigned': 'Unassigned',
  'filter.assignee.all': 'All',

  'channel.telegram': 'Telegram',
  'channel.email': 'Email',
  'channel.forum': 'Forum',
  'channel.phone': 'Phone',
  'channel.visit': 'Visit',

  'contact.unknown': 'Unknown owner',

  'thread.none': 'Select a conversation to read and reply.',
  'thread.back': 'Back to conversations',
  'thread.messages': 'Messages',
  'thread.loading': 'Loading messages…',
  'thread.error': 'Could not load messages: {message}',
  'thread.empty': 'No messages yet.',
  'thread.statusGroup': 'Conversation status',
  'thread.statusNow': 'Status: {status}',
  'thread.updateError': 'Could not change the conversation: {message}',

  'status.open': 'Open',
  'status.pending': 'Pending',
  'status.resolved': 'Resolved',
  'statusAction.open': 'Open',
  'statusAction.pending': 'Pending',
  'statusAction.resolved': 'Resolve',

  'assignee.label': 'Assignee',
  'assignee.none': 'Unassigned',
  'assignee.me': '{name} (me)',

  'sender.contact': 'Owner',
  'sender.agent': 'Agent',
  'sender.bot': 'Bot',
  'sender.system': 'System',

  'message.private': 'Private note',
  'message.edited': 'edited',
  'message.outbound': 'Sent by us',
  'message.inbound': 'From the owner',

  'delivery.queued': 'Queued',
  'delivery.sending': 'Sending',
  'delivery.sent': 'Sent',
  'delivery.failed': 'Failed: {error}',
  'delivery.failedNoReason': 'Failed',

  'content.location': 'Location',
  'content.contact': 'Shared contact',
  'content.sticker': 'Sticker',
  'content.unsupported': 'A message kind that cannot be shown here',

  'attachment.photo': 'Photo',
  'attachment.image': 'Image',
  'attachment.document': 'Document',
  'attachment.file': 'File',
  'attachment.voice': 'Voice message',
  'attachment.audio': 'Audio',
  'attachment.video': 'Video',
  'attachment.video_note': 'Video message',
  'attachment.animation': 'Animation',
  'attachment.sticker': 'Sticker',
  'attachment.other': 'Attachment',
  'attachment.list': 'Attachments',

  'composer.label': 'Reply',
  'composer.placeholder': 'Write a reply to the owner…',
  'composer.placeholderPrivate': 'Write a private note (the owner will not see it)…',
  'composer.private': 'Private note',
  'composer.send': 'Send',
  'composer.addNote': 'Add note',
  'composer.sending': 'Sending…',
  'composer.hint': 'Ctrl+Enter to send',
  'composer.hintMac': '⌘+Enter to send',
  'composer.error': 'Not sent: {message}',
} as const;

export type MessageKey = keyof typeof en;

/** A complete set of interface text: every locale file is declared with this type. */
export type Catalog = { readonly [K in MessageKey]: string };
