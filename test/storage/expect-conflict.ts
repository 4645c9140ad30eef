import { expect } from 'chai';
import { StorageError } from '@rested/server';

/** Expects `promise` to reject with StorageError('conflict') naming `field`. */
export async function expectConflict(promise: Promise<unknown>, field: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(StorageError);
    expect((error as StorageError).code).to.equal('conflict');
    expect((error as StorageError).field).to.equal(field);
    return;
  }
  expect.fail('expected a conflict');
}
