import type { Storage, UserRow } from '@rested/server';
import { seedEndpoint, seedProject } from '../helpers/fixtures.js';

/** A project with one auth endpoint. */
export async function seedAuthEndpoint(s: Storage): Promise<{ projectId: string; authId: string }> {
  const projectId = (await seedProject(s)).id;
  return { projectId, authId: (await seedEndpoint(s, projectId, { auth: true })).id };
}

/** An end user of an auth endpoint; its data holds the username and email as given, its login fields their lower case. */
export function seedUser(s: Storage, projectId: string, endpointId: string, username: string | null, email: string | null): Promise<UserRow> {
  return s.createUser({
    projectId,
    endpointId,
    usernameLower: username?.toLowerCase() ?? null,
    emailLower: email?.toLowerCase() ?? null,
    passwordHash: 'hash',
    data: { ...(username ? { username } : {}), ...(email ? { email } : {}) },
  });
}
