import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@rested/server';

const MiB = 1024 * 1024;

describe('loadConfig: the memory bounds (PAGE_BUDGET, BODY_BUDGET)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig({ DATA_DIR: dir, ...env });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('defaults to 4 MiB per page and 64 MiB of bodies in flight, or 8 bodies of BODY_LIMIT when that is more', () => {
    expect(loadConfig({ DATA_DIR: dir })).to.include({ pageBudgetBytes: 4 * MiB, bodyBudgetBytes: 64 * MiB });
    expect(loadConfig({ DATA_DIR: dir, BODY_LIMIT: '16mb' })).to.include({ bodyBudgetBytes: 128 * MiB });
  });

  it('reads sizes like BODY_LIMIT', () => {
    expect(loadConfig({ DATA_DIR: dir, PAGE_BUDGET: '512kb', BODY_BUDGET: '1gb' })).to.include({ pageBudgetBytes: 512 * 1024, bodyBudgetBytes: 1024 * MiB });
  });

  it('reports sizes that are no sizes, out of range, or a body budget below the body limit', () => {
    expect(problemsOf({ PAGE_BUDGET: 'lots', BODY_BUDGET: 'many' })).to.have.length(2);
    expect(problemsOf({ PAGE_BUDGET: '1gb' })[0]).to.match(/^PAGE_BUDGET must be a size from 1kb to 256mb/);
    expect(problemsOf({ BODY_LIMIT: '4mb', BODY_BUDGET: '2mb' })[0]).to.match(/^BODY_BUDGET must be at least BODY_LIMIT/);
  });
});
