import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import type { Tx } from './ports.js';

export const WELCOME_KEY = 'telegram.welcome';

export const DEFAULT_WELCOME =
  '您好，这里是物业客服中心。请直接留言，客服代表会尽快回复您。\n' +
  'Hello, this is the property service center. Leave your message here and an agent will reply shortly.';

export async function getWelcomeText(db: Db | Tx): Promise<string> {
  const [row] = await db.select().from(settings).where(eq(settings.key, WELCOME_KEY));
  return typeof row?.value === 'string' ? row.value : DEFAULT_WELCOME;
}

export async function setWelcomeText(db: Db, text: string): Promise<void> {
  await db
    .insert(settings)
    .values({ key: WELCOME_KEY, value: text })
    .onConflictDoUpdate({ target: settings.key, set: { value: text, updatedAt: new Date() } });
}
