// The job queue of a PostgreSQL store (src/store/postgres/queue.ts): an article is queued once, jobs are claimed
// once at a time (SKIP LOCKED), a job whose lease runs out goes to the next worker and the first one's commit is
// refused, a job that keeps losing its worker is marked failed (and found by crosscheck check) until retried,
// and linking never passes an article whose job is not done.
import assert from 'node:assert/strict';
import test from 'node:test';
import { main } from '../../src/cli/main.js';
import { linkNew } from '../../src/link/index.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { Queue, type QueueItem } from '../../src/store/postgres/queue.js';
import { analyzeArticle } from '../../src/pipeline.js';
import { article } from '../link/fixtures.js';
import { io } from '../helpers.js';
import { freshDatabase, unavailable } from '../postgres.js';

const skip = await unavailable();

const sighting = (a: { id: string; rawHash: string; source: { path: string } }) => ({ rawHash: a.rawHash, source: a.source, articleId: a.id, readAt: '2026-12-01T00:00:00.000Z' });
const items = (texts: string[]): QueueItem[] => texts.map((t) => ({ article: article(t, { date: '2022-04-01', outlet: 'Reuters' }) }));
const analysed = (job: { firstSeq: number; items: QueueItem[] }) => job.items.map((it, i) => ({ article: it.article, analysis: analyzeArticle(it.article), seq: job.firstSeq + i }));

test('an article is queued once; jobs are claimed one worker each, in order', { skip }, async () => {
  const store = await PostgresStore.open(await freshDatabase());
  try {
    const q = new Queue(store);
    const a = items(['One\n\nThe governor said 12 people were killed.', 'Two\n\nThe mayor said the city would hold.']);
    const first = await q.enqueue(a, a.map((x) => sighting(x.article)));
    assert.deepEqual([first.queued, first.known], [2, 0]);
    // The same two again, and a third: only the third is new; the repeats' sightings are recorded all the same.
    const b = [...a, ...items(['Three\n\nThe minister said the grain would ship.'])];
    const again = await q.enqueue(b, b.map((x) => sighting(x.article)));
    assert.deepEqual([again.queued, again.known], [1, 2]);
    const [j1, j2, none] = [await q.claim('w1', 60, 3), await q.claim('w2', 60, 3), await q.claim('w3', 60, 3)];
    assert.deepEqual([j1?.id, j2?.id, none], [first.job, again.job, null]);
    assert.equal(j2!.firstSeq, j1!.firstSeq + 2);
    assert.deepEqual(j1!.items.map((i) => i.article.id), a.map((i) => i.article.id));
    assert.deepEqual(await q.complete(j2!, 'w2', analysed(j2!)), ['new']);
    // Linking stops short of job 1, which is not done: job 2's article waits, in storing order.
    assert.equal((await linkNew(store)).articles, 0);
    assert.deepEqual(await q.complete(j1!, 'w1', analysed(j1!)), ['new', 'new']);
    assert.equal((await linkNew(store)).articles, 3);
    assert.deepEqual((await store.list({ limit: 10, offset: 0 })).total, 3);
    assert.deepEqual((await store.check()).filter((c) => !c.ok), []);
  } finally {
    await store.close();
  }
});

test('a job whose lease runs out goes to the next worker; the first one\'s commit is refused; lost too often, it fails until retried', { skip }, async () => {
  const store = await PostgresStore.open(await freshDatabase());
  try {
    const q = new Queue(store);
    const a = items(['Lease\n\nThe soldier said the unit had not been paid.']);
    await q.enqueue(a, a.map((x) => sighting(x.article)));
    const slow = (await q.claim('slow', 2, 2))!;
    assert.equal(await q.claim('other', 2, 2), null, 'a leased job is not claimed again while its lease runs');
    assert.equal(await q.renew(slow, 'slow', 2), true);
    await new Promise((r) => setTimeout(r, 2300));
    const taken = (await q.claim('other', 2, 2))!;
    assert.deepEqual([taken.id, taken.attempts], [slow.id, 2]);
    assert.equal(await q.renew(slow, 'slow', 2), false);
    assert.equal(await q.complete(slow, 'slow', analysed(slow)), null, 'the first worker no longer holds the job');
    assert.equal((await store.stats()).articles, 0);
    // The second worker dies too: at the next claim the job is marked failed, and check says so.
    await new Promise((r) => setTimeout(r, 2300));
    assert.equal(await q.claim('third', 2, 2), null);
    const failed = (await store.check()).filter((c) => !c.ok);
    assert.deepEqual(failed.map((c) => c.name), ['no ingest job has failed']);
    assert.match(failed[0].detail, /"attempts":2,"error":"its worker stopped during the job 2 times/);
    const retry = io();
    assert.equal(await main(['worker', '--db', store.path, '--retry-failed'], retry), 0);
    assert.match(retry.stdout.text, /^1 failed jobs put back in the queue/);
    const back = (await q.claim('third', 60, 2))!;
    assert.deepEqual(await q.complete(back, 'third', analysed(back)), ['new']);
    assert.deepEqual((await store.check()).filter((c) => !c.ok), []);
    const s = await q.status();
    assert.deepEqual(s.jobs, { queued: 0, running: 0, done: 1, failed: 0 });
  } finally {
    await store.close();
  }
});

test('workers are running while their heartbeats are fresh', { skip }, async () => {
  const store = await PostgresStore.open(await freshDatabase());
  try {
    const q = new Queue(store);
    assert.equal(await q.workersRunning(), 0);
    const w = { id: 'w1', host: 'here', pid: 1 };
    await q.register(w);
    assert.equal(await q.workersRunning(), 1);
    const status = io();
    assert.equal(await main(['worker', '--db', store.path, '--status'], status), 0);
    assert.match(status.stdout.text, /jobs: 0 queued, 0 running, 0 done, 0 failed/);
    assert.match(status.stdout.text, /1 workers running:\n {2}w1 {2}starting {2}0 jobs, 0 articles since/);
    await store.db.query("UPDATE workers SET heartbeat_at = now() - interval '1 minute'");
    assert.equal(await q.workersRunning(), 0);
    await q.heartbeat(w, 'idle', null);
    assert.equal(await q.workersRunning(), 1);
    await q.deregister('w1');
    assert.equal(await q.workersRunning(), 0);
  } finally {
    await store.close();
  }
});
