import { readFileSync } from 'node:fs';
import {
  type HcpSimulator,
  type SeedSampleState,
  startHcpSimulator,
} from '../support/hcp-simulator/index.js';
import { get } from './hcp-simulator-client.js';

interface Sample {
  request: string;
  response: unknown;
}

const samples = JSON.parse(
  readFileSync(new URL('../fixtures/seed-samples.json', import.meta.url), 'utf8'),
) as Record<string, Sample>;

const SEED_ORIGIN = 'https://app.terraform.io';

/** Which simulator state each sample is consistent with (the seed's samples contradict each other). */
const STATE_OF: Record<string, SeedSampleState> = {
  listActions: 'list',
  actionFilterOptions: 'list',
  runSummary: 'list',
  invocationFilterOptions: 'list',
  runInvocations: 'list',
  showAction: 'show',
  lifecycleResourceGroups: 'lifecycle',
};

describe('seed fidelity: every sample request of the API reference gets its sample response', () => {
  const simulators = new Map<SeedSampleState, HcpSimulator>();

  beforeAll(async () => {
    for (const state of ['list', 'show', 'lifecycle'] as const) {
      const sim = await startHcpSimulator();
      sim.loadSeedSamples(state);
      simulators.set(state, sim);
    }
  });

  afterAll(async () => {
    await Promise.all([...simulators.values()].map((sim) => sim.close()));
  });

  test('the fixture holds all seven samples', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(STATE_OF).sort());
  });

  test.each(Object.keys(STATE_OF))('%s', async (name) => {
    const sample = samples[name];
    const state = STATE_OF[name];
    if (!sample || !state) throw new Error(`no sample ${name}`);
    const sim = simulators.get(state);
    if (!sim) throw new Error(`no simulator for ${state}`);
    const expected = JSON.parse(
      JSON.stringify(sample.response).replaceAll(SEED_ORIGIN, sim.address),
    ) as object;

    const response = await get<object>(sim, sample.request.replace(SEED_ORIGIN, sim.address));

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.api+json');
    expect(response.body).toMatchObject(expected);
  });

  test('the list endpoint carries no invocation-count (only show does)', async () => {
    const list = simulators.get('list');
    if (!list) throw new Error('no list simulator');
    const response = await get<{ data: { attributes: Record<string, unknown> }[] }>(
      list,
      '/workspaces/ws-4j8p6jX1w33MiDC7/terraform-actions',
    );
    expect(response.body.data[0]?.attributes).not.toHaveProperty('invocation-count');
  });

  test('loading a state twice is refused (IDs are unique)', () => {
    const sim = simulators.get('show');
    expect(() => sim?.loadSeedSamples('show')).toThrow(/already exists/);
  });
});
