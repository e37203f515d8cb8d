/**
 * Bench-only seed for the reports: conversations with owner messages, notes, agent replies,
 * status/assignee events (some reopened), tickets with SLA deadlines and answered surveys,
 * generated inside PostgreSQL with generate_series and spread evenly over `days` days
 * ending at `end`.
 */
import type postgres from 'postgres';

export interface ReportSeed {
  conversations: number;
  days: number;
  end: Date;
  agentIds: string[];
}

export async function seedReports(sql: postgres.Sql, inboxId: string, s: ReportSeed): Promise<void> {
  const n = s.conversations;
  const agents = `ARRAY[${s.agentIds.map((a) => `'${a}'::uuid`).join(',')}]`;
  const agentOf = (i: string) => `(${agents})[1 + ${i} % ${s.agentIds.length}]`;
  // Conversation i opens at `end - (n - i) * step`; the reply comes 1–180 minutes later.
  const step = `(${s.days} * 86400.0 / ${n}) * interval '1 second'`;
  const created = (i: string) => `(timestamptz '${s.end.toISOString()}' - (${n} - ${i}) * ${step})`;
  const replyAt = (i: string) => `(${created(i)} + (1 + (${i} * 37) % 180) * interval '1 minute')`;
  const resolvedAt = (i: string) => `(${replyAt(i)} + (10 + (${i} * 13) % 300) * interval '1 minute')`;
  const snap = (status: string, assignee: string) =>
    `jsonb_build_object('conversation', jsonb_build_object('status', '${status}', 'assignee', ${assignee === 'null' ? `'null'::jsonb` : `jsonb_build_object('id', ${assignee}, 'name', 'x')`}))`;

  await sql.unsafe(`
    insert into contacts (id, name) select md5('rc' || i)::uuid, '业主' || i from generate_series(1, ${n}) i`);
  await sql.unsafe(`
    insert into conversations (id, inbox_id, contact_id, channel, status, assignee_id, thread_key, last_message_at, created_at, updated_at)
    select md5('rv' || i)::uuid, '${inboxId}', md5('rc' || i)::uuid, (ARRAY['telegram','telegram','email','wechat'])[1 + i % 4],
           case when i % 7 = 0 then 'open' else 'resolved' end,
           ${agentOf('i')}, 'rb-' || i, ${created('i')}, ${created('i')}, ${created('i')}
    from generate_series(1, ${n}) i`);
  // The owner's message, a private note on every fourth, the reply (none on every 20th), the owner's thanks.
  await sql.unsafe(`
    insert into messages (conversation_id, inbox_id, direction, sender_type, sender_id, private, content, delivery_status, created_at, updated_at)
    select md5('rv' || i)::uuid, '${inboxId}', m.direction, m.sender_type, m.sender_id, m.private, m.content, m.delivery, m.at, m.at
    from generate_series(1, ${n}) i
    cross join lateral (values
      ('in', 'contact', md5('rc' || i)::uuid, false, '厨房漏水，请尽快处理', null::text, ${created('i')}),
      ('out', 'agent', ${agentOf('i')}, true, '先联系维修部', null, ${created('i')} + interval '30 seconds'),
      ('out', 'agent', ${agentOf('i')}, false, '您好，已安排维修师傅', 'sent', ${replyAt('i')}),
      ('in', 'contact', md5('rc' || i)::uuid, false, '谢谢', null, ${replyAt('i')} + interval '5 minutes')
    ) as m(direction, sender_type, sender_id, private, content, delivery, at)
    where (m.private = false or i % 4 = 0) and (m.sender_type <> 'agent' or m.private or i % 20 <> 0)`);
  await sql.unsafe(`
    insert into events (type, conversation_id, inbox_id, payload, created_at)
    select e.type, md5('rv' || i)::uuid, '${inboxId}', e.payload, e.at
    from generate_series(1, ${n}) i
    cross join lateral (values
      ('conversation.created', ${snap('open', 'null')}, ${created('i')}),
      ('conversation.updated', ${snap('open', agentOf('i'))}, ${created('i')} + interval '1 minute'),
      ('conversation.updated', ${snap('resolved', agentOf('i'))}, ${resolvedAt('i')}),
      ('conversation.updated', ${snap('open', agentOf('i'))}, ${resolvedAt('i')} + interval '1 day'),
      ('conversation.updated', ${snap('resolved', agentOf('i + 1'))}, ${resolvedAt('i')} + interval '1 day 2 hours')
    ) as e(type, payload, at)
    where (e.type = 'conversation.created' or e.payload->'conversation'->>'status' = 'open' and e.at < ${resolvedAt('i')} or i % 7 <> 0)
      and (e.at <= ${resolvedAt('i')} or i % 10 = 0)`);
  // A ticket for every fifth conversation, with its deadlines and one survey.
  await sql.unsafe(`
    insert into tickets (id, number, category, priority, status, department_id, summary, origin_conversation_id, accountable_agent_id,
                         sla_started_at, first_response_due_at, resolution_due_at, first_responded_at, resolved_at, created_at, updated_at)
    select md5('rt' || i)::uuid, 'RB' || i, 'repair', 'normal', case when i % 3 = 0 then 'in_progress' else 'resolved' end,
           (select id from departments order by key offset (i % 3) limit 1), '厨房漏水', md5('rv' || i)::uuid, ${agentOf('i')},
           ${created('i')}, ${created('i')} + interval '30 minutes', ${created('i')} + interval '1 day',
           ${replyAt('i')}, case when i % 3 = 0 then null else ${resolvedAt('i')} end, ${created('i')}, ${created('i')}
    from generate_series(5, ${n}, 5) i`);
  await sql.unsafe(`
    insert into ticket_conversations (ticket_id, conversation_id, linked_at)
    select md5('rt' || i)::uuid, md5('rv' || i)::uuid, ${created('i')} from generate_series(5, ${n}, 5) i`);
  await sql.unsafe(`
    insert into ticket_follow_ups (ticket_id, cycle, agent_id, due_at, survey_sent_at, score, answered_at, created_at)
    select md5('rt' || i)::uuid, 0, ${agentOf('i')}, ${resolvedAt('i')} + interval '1 day', ${resolvedAt('i')},
           case when i % 15 = 0 then null else 1 + i % 5 end, case when i % 15 = 0 then null else ${resolvedAt('i')} + interval '1 hour' end,
           ${resolvedAt('i')}
    from generate_series(5, ${n}, 5) i where i % 3 <> 0`);
}
