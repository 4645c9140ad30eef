import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const IMPORT_RE = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

interface Edge {
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every static import and re-export of each file (dynamic import() is left out: it loads on demand). */
function importGraph(dirs: string[]): Map<string, Edge[]> {
  const graph = new Map<string, Edge[]>();
  for (const file of dirs.flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    const edges: Edge[] = [];
    for (const [, , type, spec] of readFileSync(file, 'utf8').matchAll(IMPORT_RE)) {
      const to = spec!.startsWith('.') ? resolve(dirname(file), spec!).replace(/\.js$/, '.ts') : spec!;
      edges.push({ to: to.endsWith('.ts') || !spec!.startsWith('.') ? to : `${to}.ts`, typeOnly: Boolean(type) });
    }
    graph.set(file, edges);
  }
  return graph;
}

/** The strongly connected components with more than one file, or a file importing itself (Tarjan). */
function circles(graph: Map<string, Edge[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const { to } of graph.get(node) ?? []) {
      if (!graph.has(to)) continue;
      if (!indices.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, indices.get(to)!));
    }
    if (low.get(node) !== indices.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(relative(ROOT, member));
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).some((e) => e.to === node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

/** Files reached from `start` through imports that load code (type-only ones are erased). */
function reachedAtRuntime(graph: Map<string, Edge[]>, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const { to, typeOnly } of graph.get(node) ?? []) if (!typeOnly) queue.push(to);
  }
  return seen;
}

const importers = (graph: Map<string, Edge[]>, pkg: string) =>
  [...graph].filter(([, edges]) => edges.some((e) => e.to === pkg || e.to.startsWith(`${pkg}/`))).map(([file]) => relative(ROOT, file));

describe('the import graph of shared, server and dashboard', () => {
  const graph = importGraph(['shared/src', 'server/src', 'dashboard/src']);

  it('has no circle, type-only imports included', () => {
    expect(graph.size).to.be.greaterThan(50);
    expect(circles(graph)).to.deep.equal([]);
  });

  it('loads neither mongoose nor the MongoDB adapter when @rested/server is imported', () => {
    const reached = [...reachedAtRuntime(graph, join(ROOT, 'server/src/index.ts'))].map((f) => relative(ROOT, f));
    expect(reached).to.include('server/src/app.ts');
    expect(reached.filter((f) => f === 'mongoose' || f.startsWith('server/src/storage/mongo/'))).to.deep.equal([]);
  });

  it('keeps each database driver inside its own adapter folder', () => {
    expect(importers(graph, 'better-sqlite3').filter((f) => !f.startsWith('server/src/storage/sqlite/'))).to.deep.equal([]);
    expect(importers(graph, 'mongoose').filter((f) => !f.startsWith('server/src/storage/mongo/'))).to.deep.equal([]);
  });

  it('keeps the dashboard away from the server, and shared free of node: modules', () => {
    const fromDashboard = importers(graph, '@rested/server').filter((f) => f.startsWith('dashboard/'));
    const nodeInShared = [...graph].filter(([file, edges]) => relative(ROOT, file).startsWith('shared/') && edges.some((e) => e.to.startsWith('node:')));
    expect(fromDashboard).to.deep.equal([]);
    expect(nodeInShared.map(([file]) => relative(ROOT, file))).to.deep.equal([]);
  });
});
