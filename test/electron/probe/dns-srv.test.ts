import { getServers } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { createResolver, sortSrvRecords } from '../../../electron/probe/dns-srv.js';
import { tcpStatusFromError } from '../../../electron/probe/endpoint-probe.js';

describe('resolver choice (no query is sent here)', () => {
  it('asks only the server named', () => {
    const resolver = createResolver('127.0.0.1:5353', 1000) as unknown as { getServers(): string[] };
    expect(resolver.getServers()).toEqual(['127.0.0.1:5353']);
    const v6 = createResolver('[::1]:5353', 1000) as unknown as { getServers(): string[] };
    expect(v6.getServers()).toEqual(['[::1]:5353']);
  });

  it('uses the operating system\'s servers for "system"', () => {
    const resolver = createResolver('system', 1000) as unknown as { getServers(): string[] };
    expect(resolver.getServers()).toEqual(getServers());
  });
});

describe('sortSrvRecords', () => {
  it('ranks by priority ascending, then weight descending, keeping server order for ties', () => {
    const records = [
      { name: 'c', priority: 20, weight: 0 },
      { name: 'b', priority: 10, weight: 10 },
      { name: 'a', priority: 10, weight: 90 },
      { name: 'd', priority: 10, weight: 10 },
    ];
    expect(sortSrvRecords(records).map((record) => record.name)).toEqual(['a', 'b', 'd', 'c']);
    expect(records[0]?.name).toBe('c');
  });
});

describe('tcpStatusFromError', () => {
  it.each([
    ['ECONNREFUSED', 'refused'],
    ['ETIMEDOUT', 'timeout'],
    ['EHOSTUNREACH', 'unreachable'],
    ['ENETUNREACH', 'unreachable'],
    ['EACCES', 'unreachable'],
  ] as const)('%s → %s', (code, status) => {
    expect(tcpStatusFromError(code)).toBe(status);
  });
});
