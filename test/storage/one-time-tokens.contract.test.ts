import { expect } from 'chai';
import type { OneTimeTokenInput, Storage } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { manualClock } from '../helpers/clock.js';
import { seedAuthEndpoint, seedUser } from '../helpers/fixtures.js';

forEachAdapter('storage contract: one-time tokens', (adapter) => {
  const clock = manualClock();
  let storage: Storage;
  let dispose: () => Promise<void>;
  let token: (hash: string, subjectId: string, overrides?: Partial<OneTimeTokenInput>) => OneTimeTokenInput;
  beforeEach(async () => {
    clock.reset();
    ({ storage, dispose } = await adapter.open(clock));
    const { projectId, authId } = await seedAuthEndpoint(storage);
    token = (hash, subjectId, overrides = {}) => ({
      tokenHash: hash, purpose: 'password_reset', subjectId, projectId, endpointId: authId,
      expiresAt: new Date(clock.now().getTime() + 3_600_000), ...overrides,
    });
  });
  afterEach(() => dispose());

  it('uses a token up once, answering what it was issued for', async () => {
    const issued = await storage.issueOneTimeToken(token('h1', 'user-1'));
    expect(issued).to.deep.include(token('h1', 'user-1'));
    const used = await storage.consumeOneTimeToken('password_reset', 'h1', issued.endpointId);
    expect(used).to.deep.equal(issued);
    expect(await storage.consumeOneTimeToken('password_reset', 'h1', issued.endpointId)).to.equal(null);
  });

  it('gives one of two concurrent uses the token', async () => {
    const issued = await storage.issueOneTimeToken(token('h1', 'user-1'));
    const results = await Promise.all([1, 2, 3].map(() => storage.consumeOneTimeToken('password_reset', 'h1', issued.endpointId)));
    expect(results.filter((r) => r !== null)).to.have.length(1);
  });

  it('refuses an expired token (by the storage clock)', async () => {
    const issued = await storage.issueOneTimeToken(token('h1', 'user-1'));
    clock.advance(3_600_000);
    expect(await storage.consumeOneTimeToken('password_reset', 'h1', issued.endpointId)).to.equal(null);
  });

  it('replaces the older token of the same subject and purpose, and no other', async () => {
    const first = await storage.issueOneTimeToken(token('h1', 'user-1'));
    await storage.issueOneTimeToken(token('v1', 'user-1', { purpose: 'email_verification' }));
    await storage.issueOneTimeToken(token('o1', 'user-2'));
    await storage.issueOneTimeToken(token('h2', 'user-1'));
    const { endpointId } = first;
    expect(await storage.consumeOneTimeToken('password_reset', 'h1', endpointId)).to.equal(null);
    expect(await storage.consumeOneTimeToken('email_verification', 'v1', endpointId)).to.not.equal(null);
    expect(await storage.consumeOneTimeToken('password_reset', 'o1', endpointId)).to.not.equal(null);
    expect(await storage.consumeOneTimeToken('password_reset', 'h2', endpointId)).to.not.equal(null);
  });

  it('matches only the purpose and the endpoint it was issued for, leaving the token usable', async () => {
    const issued = await storage.issueOneTimeToken(token('h1', 'user-1'));
    expect(await storage.consumeOneTimeToken('email_verification', 'h1', issued.endpointId)).to.equal(null);
    expect(await storage.consumeOneTimeToken('password_reset', 'h1', 'another-endpoint')).to.equal(null);
    expect(await storage.consumeOneTimeToken('password_reset', 'h1', null)).to.equal(null);
    expect(await storage.consumeOneTimeToken('password_reset', 'h1', issued.endpointId)).to.not.equal(null);
  });

  it('keeps owners\' tokens without a project', async () => {
    const owner = await storage.createOwner({ email: 'o@example.com', name: 'O', passwordHash: 'h' });
    await storage.issueOneTimeToken(token('oh', owner.id, { purpose: 'owner_password_reset', projectId: null, endpointId: null }));
    expect(await storage.consumeOneTimeToken('owner_password_reset', 'oh', null)).to.deep.include({ subjectId: owner.id, projectId: null });
  });

  it('revokes every token of a subject and purpose', async () => {
    const issued = await storage.issueOneTimeToken(token('h1', 'user-1'));
    expect(await storage.revokeOneTimeTokens('password_reset', 'user-1')).to.equal(1);
    expect(await storage.revokeOneTimeTokens('password_reset', 'user-1')).to.equal(0);
    expect(await storage.consumeOneTimeToken('password_reset', 'h1', issued.endpointId)).to.equal(null);
  });

  it('removes the tokens of a project with the project', async () => {
    const issued = await storage.issueOneTimeToken(token('h1', 'user-1'));
    const user = await seedUser(storage, issued.projectId!, issued.endpointId!, 'u', null);
    await storage.issueOneTimeToken(token('h2', user.uniqueId));
    expect(await storage.deleteProject(issued.projectId!)).to.equal(true);
    expect(await storage.consumeOneTimeToken('password_reset', 'h2', issued.endpointId)).to.equal(null);
  });
});
