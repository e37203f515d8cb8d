import { describe, expect, it } from 'vitest';
import { renderTemplate, unresolvedVariables } from './template.js';

describe('renderTemplate', () => {
  it('fills known variables, including Chinese values and spaces inside the braces', () => {
    const r = renderTemplate('{{contact.name}}您好，{{ agent.name }}为您服务（{{inbox.name}}）', {
      'contact.name': '陈先生',
      'agent.name': '李娜',
      'inbox.name': '物业客服中心',
    });
    expect(r).toEqual({ text: '陈先生您好，李娜为您服务（物业客服中心）', unknown: [], missing: [] });
  });

  it('reports unknown names and known variables without a value, leaving both visible', () => {
    const r = renderTemplate('工单 {{ticket.number}}，{{contact.nmae}}', { 'ticket.number': null });
    expect(r.text).toBe('工单 {{ticket.number}}，{{contact.nmae}}');
    expect(r.unknown).toEqual(['contact.nmae']);
    expect(r.missing).toEqual(['ticket.number']);
  });

  it('treats an empty value as missing', () => {
    expect(renderTemplate('Unit {{contact.unit}}', { 'contact.unit': '' }).missing).toEqual(['contact.unit']);
  });
});

describe('unresolvedVariables', () => {
  it('lists each leftover once', () => {
    expect(unresolvedVariables('a {{x}} b {{ x }} {{ticket.due}}')).toEqual(['x', 'ticket.due']);
    expect(unresolvedVariables('plain {text}')).toEqual([]);
  });
});
