export * from './users.js';
export * from './inboxes.js';
export * from './contacts.js';
export * from './conversations.js';
export * from './messages.js';
export * from './events.js';
