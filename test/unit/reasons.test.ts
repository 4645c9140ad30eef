import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { REASONS, STATUS_TEXT, isReason, statusOf, type Reason } from '@rested/shared';

const docs = ['runtime-api.md', 'console-api.md', 'data-endpoints.md', 'password-reset.md', 'file-endpoints.md', 'sessions-and-devices.md', 'audit-log.md']
  .map((file) => readFileSync(new URL(`../../docs/${file}`, import.meta.url), 'utf8'))
  .join('\n');

describe('error reasons: one table in @rested/shared', () => {
  const reasons = Object.keys(REASONS) as Reason[];

  it('gives every reason an error status with its standard text', () => {
    for (const reason of reasons) {
      const status = statusOf(reason);
      expect(status, reason).to.be.within(400, 599);
      expect(STATUS_TEXT[status], `${reason} → ${status}`).to.be.a('string');
    }
  });

  it('gives every reason a stable snake_case name', () => {
    for (const reason of reasons) expect(reason).to.match(/^[a-z]+(_[a-z]+)*$/);
    expect(isReason('origin_not_allowed')).to.equal(true);
    expect(isReason('toString')).to.equal(false);
  });

  it('documents every reason for users, with the same status', () => {
    for (const reason of reasons) {
      expect(docs, `docs/ never mention \`${reason}\``).to.include(`\`${reason}\``);
    }
    // The docs' reason tables name status and reason on one row: they must agree with the code.
    for (const [, status, reason] of docs.matchAll(/\|\s*\**(\d{3})\**\s*\|\s*`([a-z_]+)`/g)) {
      if (isReason(reason)) expect(Number(status), `docs give ${reason} status ${status}`).to.equal(REASONS[reason]);
    }
    for (const [, reason, status] of docs.matchAll(/\|\s*`([a-z_]+)`\s*\|\s*\**(\d{3})\**\s*\|/g)) {
      if (isReason(reason)) expect(Number(status), `docs give ${reason} status ${status}`).to.equal(REASONS[reason]);
    }
  });
});
