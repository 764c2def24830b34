import { NPS_DETRACTOR_MAX } from '@csm/metrics';
import { expect, it } from 'vitest';
import type { IngestedAnswer } from './ingest-batches.ts';
import { aCompany, addTestTenant, forEachStore } from './test-utils/index.ts';

const nps = (externalId: string, value: number): IngestedAnswer => ({
  externalId,
  surveyType: 'NPS',
  value,
  scaleMin: 0,
  scaleMax: 10,
  companyId: '42',
  contactId: null,
  comment: null,
  submittedAt: new Date('2026-03-01T00:00:00Z'),
  origin: null,
});

forEachStore('playbook reads', (getStore) => {
  it('selects detractors by the @csm/metrics cut-off unless told another', async () => {
    const store = getStore();
    const t = await addTestTenant(store);
    await store.writePage({ tenantId: t.id, stream: 's', kind: 'companies', records: [aCompany('42')] });
    await store.ingest.commit(t.id, { kind: 'surveys', idempotencyKey: null, contentHash: 'x' }, (w) =>
      w.surveyAnswers([nps('a', 0), nps('b', 6), nps('c', 7), nps('d', 10)]),
    );
    const values = async (maxScore?: number) =>
      (await store.playbooks.detractorAnswers(t.id, new Date(0), maxScore)).map((a) => a.value);
    expect(NPS_DETRACTOR_MAX).toBe(6);
    expect(await values()).toEqual([0, 6]);
    expect(await values(3)).toEqual([0]);
  });
});
