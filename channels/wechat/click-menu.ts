/**
 * Click menus (msgmenu) of WeChat and WeCom customer-service messages: a head text and items
 * the owner taps; the tap comes back as a text message naming the item's id. The stored
 * message's `meta.menu` lists the items; anything malformed there is left out, not sent.
 */
export interface ClickMenuItem {
  id: string;
  label: string;
}

/** WeCom allows ids of 1–128 bytes; WeChat's own examples use short numbers, which fit both. */
const ID = /^[0-9A-Za-z_:-]{1,64}$/;
const MAX_ITEMS = 10;

export function readClickMenu(meta: Record<string, unknown> | undefined): ClickMenuItem[] {
  const raw = meta?.menu;
  if (!Array.isArray(raw)) return [];
  const items: ClickMenuItem[] = [];
  for (const entry of raw as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { id, label } = entry as { id?: unknown; label?: unknown };
    if (typeof id === 'string' && ID.test(id) && typeof label === 'string' && label.trim()) items.push({ id, label: label.trim() });
  }
  return items.slice(0, MAX_ITEMS);
}

/** The msgmenu body of WeChat's message/custom/send. */
export function wechatMenuBody(head: string, items: ClickMenuItem[]) {
  return { msgtype: 'msgmenu', msgmenu: { head_content: head, list: items.map((i) => ({ id: i.id, content: i.label })), tail_content: '' } };
}

/** The msgmenu body of WeCom's kf/send_msg: each item is a `click` entry. */
export function wecomMenuBody(head: string, items: ClickMenuItem[]) {
  return { msgtype: 'msgmenu', msgmenu: { head_content: head, list: items.map((i) => ({ type: 'click', click: { id: i.id, content: i.label } })), tail_content: '' } };
}
