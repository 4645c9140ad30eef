import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { newId, projectSigningKey, SIGNING_KEYS_KEPT } from '@rested/server/testing';

describe('project signing keys and ids', () => {
  const serverSecret = 'a-server-secret-of-at-least-32-characters';
  const derived = (secret: string, projectSecret: string) => createHmac('sha256', secret).update(`jwt:${projectSecret}`).digest();

  it('derives a project signing key from the server SECRET and the project secret, once', () => {
    const key = projectSigningKey(serverSecret, 'project-one');
    expect(key.export()).to.deep.equal(derived(serverSecret, 'project-one'));
    expect(projectSigningKey(serverSecret, 'project-one')).to.equal(key); // kept, not derived again
    expect(projectSigningKey(serverSecret, 'project-two').export()).to.deep.equal(derived(serverSecret, 'project-two'));
    expect(projectSigningKey(`${serverSecret}-other`, 'project-one').export()).to.deep.equal(derived(`${serverSecret}-other`, 'project-one'));
  });

  it(`keeps at most ${SIGNING_KEYS_KEPT} keys, dropping the oldest, and derives a dropped one again correctly`, () => {
    const first = projectSigningKey(serverSecret, 'first-of-many');
    for (let i = 0; i < SIGNING_KEYS_KEPT; i++) projectSigningKey(serverSecret, `filler-${i}`);
    const again = projectSigningKey(serverSecret, 'first-of-many');
    expect(again).not.to.equal(first);
    expect(again.export()).to.deep.equal(derived(serverSecret, 'first-of-many'));
  });

  it('makes ids of 32 hex characters that never repeat, also across refills of its random pool', () => {
    const ids = Array.from({ length: 2000 }, newId);
    for (const id of ids) expect(id).to.match(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).to.equal(ids.length);
  });
});
