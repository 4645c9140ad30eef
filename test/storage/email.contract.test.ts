import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { seedProject, sleep, useFreshStorage } from '../helpers/fixtures.js';

forEachAdapter('storage contract: email settings and templates', (adapter) => {
  const store = useFreshStorage(adapter);
  const settings = (projectId: string, from = 'a@example.com') =>
    ({ projectId, from, host: 'smtp.example.com', port: 587, secure: false, user: 'u', passwordSealed: 'v1.sealed' });

  it('saves, replaces, finds and deletes a project\'s settings', async () => {
    const project = await seedProject(store());
    expect(await store().findEmailSettings(project.id)).to.equal(null);
    const saved = await store().saveEmailSettings(settings(project.id));
    expect(saved).to.deep.include(settings(project.id));
    expect(saved.updatedAt).to.be.instanceOf(Date);
    expect(await store().findEmailSettings(project.id)).to.deep.equal(saved);
    const replaced = await store().saveEmailSettings({ ...settings(project.id, 'b@example.com'), user: null, passwordSealed: null });
    expect(replaced).to.deep.include({ from: 'b@example.com', user: null, passwordSealed: null });
    expect(await store().deleteEmailSettings(project.id)).to.equal(true);
    expect(await store().deleteEmailSettings(project.id)).to.equal(false);
    expect(await store().findEmailSettings(project.id)).to.equal(null);
  });

  it('keeps templates per project by name, createdAt kept on replace', async () => {
    const [a, b] = [await seedProject(store()), await seedProject(store())];
    const first = await store().saveEmailTemplate({ projectId: a.id, name: 'reset', subject: 's', html: 'h', text: null });
    await store().saveEmailTemplate({ projectId: a.id, name: 'alpha', subject: 's', html: 'h', text: 't' });
    await store().saveEmailTemplate({ projectId: b.id, name: 'reset', subject: 'other', html: 'h', text: null });
    await sleep(2);
    const replaced = await store().saveEmailTemplate({ projectId: a.id, name: 'reset', subject: 's2', html: 'h2', text: 't2' });
    expect(replaced).to.deep.include({ subject: 's2', html: 'h2', text: 't2' });
    expect(replaced.createdAt.getTime()).to.equal(first.createdAt.getTime());
    expect(replaced.updatedAt.getTime()).to.be.greaterThan(first.updatedAt.getTime());
    expect(await store().findEmailTemplate(a.id, 'reset')).to.deep.equal(replaced);
    expect((await store().listEmailTemplates(a.id)).map((t) => t.name)).to.deep.equal(['alpha', 'reset']);
    expect((await store().findEmailTemplate(b.id, 'reset'))!.subject).to.equal('other');
    expect(await store().deleteEmailTemplate(a.id, 'reset')).to.equal(true);
    expect(await store().deleteEmailTemplate(a.id, 'reset')).to.equal(false);
    expect(await store().findEmailTemplate(a.id, 'reset')).to.equal(null);
  });

  it('removes a project\'s settings and templates with the project', async () => {
    const project = await seedProject(store());
    await store().saveEmailSettings(settings(project.id));
    await store().saveEmailTemplate({ projectId: project.id, name: 'reset', subject: 's', html: 'h', text: null });
    expect(await store().deleteProject(project.id)).to.equal(true);
    expect(await store().findEmailSettings(project.id)).to.equal(null);
    expect(await store().listEmailTemplates(project.id)).to.deep.equal([]);
  });
});
