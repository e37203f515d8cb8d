/**
 * What the forum's pages and its outbound `send` need from stored data. Channels never touch
 * the database: src/server.ts wires this port to services (src/http/forum-port.ts).
 */

export type PostStatus = 'visible' | 'pending' | 'hidden';
export type UnitStatus = 'none' | 'pending' | 'confirmed' | 'rejected';

/** The signed-in owner. */
export interface ForumViewer {
  accountId: string;
  email: string;
  displayName: string;
  unitClaim: string | null;
  unitStatus: UnitStatus;
  unitNote: string | null;
  notifyByEmail: boolean;
  suspendedUntil: Date | null;
  suspendReason: string | null;
}

export interface BoardView {
  id: string;
  slug: string;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
  isService: boolean;
  staffOnlyTopics: boolean;
  topicCount: number;
  lastPostAt: Date | null;
}

export interface AuthorView {
  name: string;
  /** An official answer of the service center (shown with the staff badge). */
  staff: boolean;
  accountId: string | null;
}

export interface TopicSummary {
  id: string;
  boardSlug: string;
  boardName: string;
  boardNameEn: string;
  title: string;
  author: AuthorView;
  status: PostStatus;
  pinned: boolean;
  highlighted: boolean;
  locked: boolean;
  replyCount: number;
  lastPostAt: Date;
  createdAt: Date;
  /** The reason shown to the author when moderators hid the topic. */
  hiddenReason: string | null;
}

export interface ImageRef {
  id: string;
  width: number;
  height: number;
}

export interface PostView {
  id: string;
  topicId: string;
  author: AuthorView;
  /** Markdown source; the pages render and sanitize it. */
  body: string;
  status: PostStatus;
  hiddenReason: string | null;
  isFirst: boolean;
  createdAt: Date;
  images: ImageRef[];
}

export interface TopicPage {
  topic: TopicSummary;
  board: BoardView;
  posts: PostView[];
  totalPosts: number;
}

export interface SearchHit {
  topic: TopicSummary;
  /** The matching post's text (Markdown source), for an excerpt. */
  excerpt: string;
  postId: string;
}

export interface PrivateThreadView {
  conversationId: string;
  topic: { id: string; title: string } | null;
  messages: { id: string; direction: 'in' | 'out'; body: string; staffName: string | null; createdAt: Date }[];
}

/** An image already checked by content (see image-sniff.ts). */
export interface CheckedImage {
  mimeType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  width: number;
  height: number;
  data: Uint8Array;
}

export type WriteError = 'not_found' | 'locked' | 'suspended' | 'staff_only' | 'unverified';

export type WriteResult<T> = ({ ok: true } & T) | { ok: false; error: WriteError };

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'unverified' }
  /** Too many failures for this account or address: a wait runs, whatever the password. */
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export interface ForumPort {
  // Accounts. Sign-up and reset answer the same whether or not the address is known.
  signUp(input: { email: string; password: string; displayName: string; unit: string | null; baseUrl: string }): Promise<void>;
  verifyEmail(token: string): Promise<boolean>;
  login(email: string, password: string, baseUrl: string, clientAddress?: string): Promise<LoginResult>;
  viewerForSession(token: string): Promise<ForumViewer | null>;
  logout(token: string): Promise<void>;
  requestPasswordReset(email: string, baseUrl: string): Promise<void>;
  resetPassword(token: string, password: string): Promise<boolean>;
  setUnitClaim(accountId: string, unit: string): Promise<void>;
  setNotifications(accountId: string, on: boolean): Promise<void>;
  /** Turns notification mail off for the account the signed token names. */
  unsubscribe(token: string): Promise<boolean>;
  /** Counts one attempt against `key`; false once the limit for the window is used up. */
  hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<boolean>;

  // Reading. The viewer sees their own pending and hidden posts (with the reason); others do not.
  listBoards(): Promise<BoardView[]>;
  boardBySlug(slug: string): Promise<BoardView | null>;
  listTopics(boardId: string, page: { offset: number; limit: number }): Promise<{ topics: TopicSummary[]; total: number }>;
  topicPage(topicId: string, page: { offset: number; limit: number }, viewer: ForumViewer | null): Promise<TopicPage | null>;
  /** The page (1-based, for `pageSize`) on which a post of the topic appears. */
  pageOfPost(topicId: string, postId: string, pageSize: number): Promise<number>;
  postForQuote(postId: string, viewer: ForumViewer | null): Promise<PostView | null>;
  search(query: string, page: { offset: number; limit: number }): Promise<{ hits: SearchHit[]; total: number }>;
  myTopics(accountId: string, page: { offset: number; limit: number }): Promise<{ topics: TopicSummary[]; total: number }>;
  privateThreads(accountId: string): Promise<PrivateThreadView[]>;
  image(id: string, viewer: ForumViewer | null): Promise<{ mimeType: string; data: Uint8Array } | null>;

  // Writing (owners).
  createTopic(viewer: ForumViewer, input: { boardId: string; title: string; body: string; images: CheckedImage[] }): Promise<WriteResult<{ topicId: string; status: PostStatus }>>;
  reply(viewer: ForumViewer, input: { topicId: string; body: string; images: CheckedImage[] }): Promise<WriteResult<{ postId: string; status: PostStatus }>>;
  flag(viewer: ForumViewer, postId: string, reason: string): Promise<WriteResult<{ topicId: string }>>;
  /** A private message to the service center: a new thread, or a reply in one of the owner's threads. */
  sendPrivate(viewer: ForumViewer, input: { body: string; conversationId: string | null }): Promise<WriteResult<{ conversationId: string }>>;

  // Outbound from the inbox (the channel's `send`); idempotent per inbox message.
  deliverStaffReply(input: { messageId: string; topicId: string; text: string }): Promise<{ postId: string } | null>;
  deliverPrivate(input: { messageId: string; conversationId: string; text: string }): Promise<{ id: string } | null>;
}
