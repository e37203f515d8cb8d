import { describe, expect, it } from 'vitest';
import { normalizeUnit } from '../bot/unit.js';
import { formatUnitAddress, normalizeBuildingName, normalizeEntranceName, normalizeUnitNumber, parseUnitAddress } from './unit-address.js';

describe('parseUnitAddress', () => {
  it.each([
    ['3栋2单元501', { building: '3', entrance: '2', unit: '501' }],
    ['3号楼2单元501室', { building: '3', entrance: '2', unit: '501' }],
    ['3 幢 2 单元 501 号', { building: '3', entrance: '2', unit: '501' }],
    ['３栋２单元５０１', { building: '3', entrance: '2', unit: '501' }],
    ['三栋二单元501', { building: '3', entrance: '2', unit: '501' }],
    ['十二栋1单元1201', { building: '12', entrance: '1', unit: '1201' }],
    ['a座1201', { building: 'A', entrance: null, unit: '1201' }],
    ['3栋501', { building: '3', entrance: null, unit: '501' }],
    ['3-2-501', { building: '3', entrance: '2', unit: '501' }],
    ['３－２－５０１', { building: '3', entrance: '2', unit: '501' }],
    ['3/2/501', { building: '3', entrance: '2', unit: '501' }],
    ['3-1201', { building: '3', entrance: null, unit: '1201' }],
    ['Building 3, Entrance 2, Room 501', { building: '3', entrance: '2', unit: '501' }],
    ['building 3 room 501', { building: '3', entrance: null, unit: '501' }],
    ['Block B, Unit 1, Flat 1203', { building: 'B', entrance: '1', unit: '1203' }],
  ])('%s', (text, expected) => {
    expect(parseUnitAddress(text)).toEqual(expected);
  });

  it.each(['不知道', '3楼', '', '501', 'hello world', '3栋', '3栋2单元'])('refuses %j', (text) => {
    expect(parseUnitAddress(text)).toBeNull();
  });

  it('formats back to the way Chinese staff write it', () => {
    expect(formatUnitAddress({ building: '3', entrance: '2', unit: '501' })).toBe('3栋2单元501');
    expect(formatUnitAddress({ building: 'A', entrance: null, unit: '1201' })).toBe('A栋1201');
  });
});

describe('the column normalisers', () => {
  it('reduce each part to one form', () => {
    for (const b of ['3', '3栋', '3号楼', '３幢', 'Building 3', 'bldg 3', '三栋']) expect(normalizeBuildingName(b), b).toBe('3');
    expect(normalizeBuildingName('a座')).toBe('A');
    for (const e of ['2', '2单元', '二单元', 'Entrance 2', '２']) expect(normalizeEntranceName(e), e).toBe('2');
    expect(normalizeEntranceName('')).toBe('');
    for (const u of ['501', '501室', '501号', 'Room 501', '#501', '５０１']) expect(normalizeUnitNumber(u), u).toBe('501');
  });
});

describe('the bot keeps its own unit text', () => {
  it('tidies as before: the owner’s wording, not the parsed parts', () => {
    expect(normalizeUnit('3 栋 2 单元 501室')).toBe('3栋2单元501');
    expect(normalizeUnit('３－２－５０１')).toBe('3-2-501');
    expect(normalizeUnit('不知道')).toBeNull();
    expect(normalizeUnit('3')).toBeNull();
  });
});
