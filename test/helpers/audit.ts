import type { Storage } from '@rested/server';

type EventInput = Parameters<Storage['appendAuditEvent']>[0];

/** An audit event to append, with every field set. */
export function auditEvent(projectId: string, overrides: Partial<EventInput> = {}): EventInput {
  return {
    projectId,
    type: 'user.login',
    actor: { kind: 'user', id: 'u1' },
    ip: '203.0.113.7',
    userAgent: 'agent/1',
    requestId: 'req-1',
    target: { endpoint: 'e1', uniqueId: 'u1', sessionId: null },
    details: {},
    ...overrides,
  };
}

