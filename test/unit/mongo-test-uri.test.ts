import { expect } from 'chai';
import { withDatabase } from '../helpers/adapters.js';

describe('the MongoDB contract run: one fresh database per test', () => {
  const cases: [string, string][] = [
    ['mongodb://localhost:27017', 'mongodb://localhost:27017/t1'],
    ['mongodb://localhost:27017/', 'mongodb://localhost:27017/t1'],
    ['mongodb://user:p%40ss@db:27017/rested?authSource=admin', 'mongodb://user:p%40ss@db:27017/t1?authSource=admin'],
    ['mongodb://a:27017,b:27017,c:27017/rested?replicaSet=rs0', 'mongodb://a:27017,b:27017,c:27017/t1?replicaSet=rs0'],
    ['mongodb+srv://cluster0.example.net/?retryWrites=true', 'mongodb+srv://cluster0.example.net/t1?retryWrites=true'],
  ];
  for (const [uri, expected] of cases) {
    it(`puts the test database into ${uri}`, () => expect(withDatabase(uri, 't1')).to.equal(expected));
  }
  it('refuses what is not a MongoDB URI', () => expect(() => withDatabase('postgres://x/y', 't1')).to.throw(/MONGODB_URI/));
});
