import { expect } from 'chai';
import type { BrowserContext } from 'playwright-core';
import supertest from 'supertest';
import type { Endpoint, Project } from '@rested/shared';
import { C, PASSWORD, newEndpoint, newProject, signUpOwner } from './console.js';

/* Owners for the dashboard's browser tests, so each test starts from its own data. */

export interface DashboardOwner {
  email: string;
  password: string;
  project: Project;
  /** The project's endpoints by name. */
  endpoints: Record<string, Endpoint>;
  /** The dashboard page of the project: <server>/projects/:id */
  projectUrl: string;
  /** The dashboard page of one of its endpoints: <server>/projects/:id/endpoints/:endpointId */
  endpointUrl(name: string): string;
}

/**
 * A new owner with a project and its endpoints, made through the console API of the server at
 * `base`, and signed in in `context`: the login goes through the context's own request client,
 * so the session cookie is the one the server set, with its attributes.
 */
export async function signedInOwner(
  context: BrowserContext,
  base: string,
  spec: { project: Record<string, unknown>; endpoints: Record<string, unknown>[] },
): Promise<DashboardOwner> {
  const http = supertest.agent(base);
  const who = await signUpOwner(http);
  const project = await newProject(http, who, spec.project);
  const endpoints: Record<string, Endpoint> = {};
  for (const body of spec.endpoints) {
    const endpoint = await newEndpoint(http, who, project.id, body);
    endpoints[endpoint.name] = endpoint;
  }
  const login = await context.request.post(`${base}${C}/auth/login`, { data: { email: who.owner.email, password: PASSWORD } });
  expect(login.status(), await login.text()).to.equal(200);
  const projectUrl = `${base}/projects/${project.id}`;
  return {
    email: who.owner.email,
    password: PASSWORD,
    project,
    endpoints,
    projectUrl,
    endpointUrl: (name) => `${projectUrl}/endpoints/${endpoints[name]!.id}`,
  };
}
