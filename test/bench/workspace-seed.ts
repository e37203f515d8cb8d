/**
 * Bench-only seed: contacts, conversations and messages generated inside PostgreSQL with
 * generate_series (no row-by-row inserts), with realistic Chinese property-service text so
 * that common two-character words and rare unit numbers both occur.
 */
import type postgres from 'postgres';

const PHRASES = [
  '厨房漏水', '卫生间漏水', '楼道灯不亮', '电梯停运', '电梯有异响', '地下车库积水', '车位被占用', '门禁卡失灵',
  '物业费发票', '停车费缴纳', '装修噪音扰民', '夜间施工', '垃圾未清运', '绿化带需要修剪', '快递柜故障', '监控看不清',
  '水压太低', '暖气不热', '空调外机漏水', '窗户关不上', '楼上漏水到我家', '外墙脱落', '小区门口堵车', '宠物扰民',
  '请尽快处理', '谢谢', '麻烦安排维修师傅上门', '已经第二次反映了', '什么时候能修好', '希望物业重视', 'Please fix the elevator', 'The light in B2 is broken',
];
const SURNAMES = ['陈', '王', '李', '张', '刘', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['先生', '女士', '阿姨', '叔叔', '业主', '小姐', '伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '军', '杰'];

const arr = (items: string[]) => `ARRAY[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]`;

export interface SeedCounts {
  conversations: number;
  messagesPerConversation: number;
}

export async function seedWorkspace(sql: postgres.Sql, inboxId: string, adminId: string, counts: SeedCounts): Promise<void> {
  const n = counts.conversations;
  const per = counts.messagesPerConversation;
  await sql.unsafe(`
    insert into contacts (id, name, unit, phone)
    select md5('c' || i)::uuid,
           (${arr(SURNAMES)})[1 + i % ${SURNAMES.length}] || (${arr(GIVEN)})[1 + (i / ${SURNAMES.length}) % ${GIVEN.length}] || i,
           (1 + i % 30) || '栋' || (1 + i % 4) || '单元' || (100 + i % 2800),
           '138' || lpad((i * 7919 % 100000000)::text, 8, '0')
    from generate_series(1, ${n}) i`);
  await sql.unsafe(`
    insert into conversations (id, inbox_id, contact_id, channel, status, assignee_id, thread_key, last_message_at,
                               last_message_preview, last_message_direction, unread_count, priority, created_at, updated_at)
    select md5('v' || i)::uuid, '${inboxId}', md5('c' || i)::uuid, 'telegram',
           (ARRAY['open','open','pending','resolved','resolved'])[1 + i % 5],
           case when i % 3 = 0 then '${adminId}'::uuid else null end,
           'bench-' || i,
           now() - (i || ' minutes')::interval,
           (${arr(PHRASES)})[1 + i % ${PHRASES.length}],
           'in', i % 4, (ARRAY['low','normal','normal','high','urgent'])[1 + i % 5],
           now() - (i || ' minutes')::interval, now()
    from generate_series(1, ${n}) i`);
  await sql.unsafe(`
    insert into messages (conversation_id, inbox_id, direction, sender_type, sender_id, content, external_id, delivery_status, created_at, updated_at)
    select md5('v' || c)::uuid, '${inboxId}',
           case when k % 2 = 0 then 'in' else 'out' end,
           case when k % 2 = 0 then 'contact' else 'agent' end,
           case when k % 2 = 0 then md5('c' || c)::uuid else '${adminId}'::uuid end,
           (${arr(PHRASES)})[1 + (c * 31 + k * 7) % ${PHRASES.length}] || '，' || (${arr(PHRASES)})[1 + (c * 17 + k * 13) % ${PHRASES.length}]
             || '。' || (1 + c % 30) || '栋' || (100 + (c * 13 + k) % 2800) || '室',
           case when k % 2 = 0 then 'bench-' || c || '-' || k else null end,
           case when k % 2 = 0 then null else 'sent' end,
           now() - (c || ' minutes')::interval - ((${per} - k) || ' seconds')::interval, now()
    from generate_series(1, ${n}) c, generate_series(1, ${per}) k`);
}

/** One conversation with a long thread, for the time-to-interactive measurement. */
export async function seedLongThread(sql: postgres.Sql, inboxId: string, adminId: string, key: string, size: number): Promise<string> {
  const [row] = await sql.unsafe<{ id: string }[]>(`
    insert into contacts (name, unit) values ('长会话业主 ${key}', '1栋1单元101') returning id`);
  const contactId = row!.id;
  const [conv] = await sql.unsafe<{ id: string }[]>(`
    insert into conversations (inbox_id, contact_id, channel, status, thread_key, last_message_at, last_message_preview, last_message_direction)
    values ('${inboxId}', '${contactId}', 'telegram', 'open', 'long-${key}', now() + interval '1 day', '长会话', 'in') returning id`);
  await sql.unsafe(`
    insert into messages (conversation_id, inbox_id, direction, sender_type, sender_id, content, delivery_status, created_at, updated_at)
    select '${conv!.id}', '${inboxId}', case when k % 2 = 0 then 'in' else 'out' end,
           case when k % 2 = 0 then 'contact' else 'agent' end,
           case when k % 2 = 0 then '${contactId}'::uuid else '${adminId}'::uuid end,
           '第 ' || k || ' 条：' || (${arr(PHRASES)})[1 + k % ${PHRASES.length}] || repeat('，补充说明', k % 4),
           case when k % 2 = 0 then null else 'sent' end,
           now() - ((${size} - k) || ' seconds')::interval, now()
    from generate_series(1, ${size}) k`);
  return conv!.id;
}
