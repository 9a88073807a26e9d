import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../../src/common/points.ts';
import { fresh, helpBody, walkBody } from './helpers.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
// More runs on demand (FUZZ_RUNS=20000) need more time than vitest's default 5 s.
const TIMEOUT = 10_000 + RUNS * 5;

/** Valid bodies with one field broken, a key added or a coordinate moved: closer to real mistakes than noise. */
const mutated = fc
  .tuple(
    fc.constantFrom(walkBody(), helpBody(), helpBody({ helperType: 'person' })),
    fc.constantFrom(
      'layer',
      'lng',
      'lat',
      'kind',
      'theme',
      'title',
      'name',
      'kinds',
      'contact',
      'consent',
      'description',
      'languages',
      'extra',
    ),
    fc.oneof(
      fc.jsonValue(),
      fc.string({ maxLength: 3000 }),
      fc.double(),
      fc.constant(null),
      fc.array(fc.string()),
      fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }),
    ),
  )
  .map(([body, key, value]) => ({ ...body, [key]: value }));

const junk = fc.oneof(
  fc.jsonValue(),
  mutated,
  fc.record({ layer: fc.constantFrom('walk', 'help'), lng: fc.double(), lat: fc.double(), consent: fc.jsonValue() }),
);

describe('POST /api/points with generated junk', () => {
  it(
    'answers only 4xx, and every 400 names fields in issues',
    async () => {
      const { app } = fresh({ limits: { writes: { max: 1e9, windowMs: 60_000 } } });
      await fc.assert(
        fc.asyncProperty(junk, async (body) => {
          const res = await app.request('/api/points', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          });
          const text = await res.text();
          if (res.status === 201) return; // junk that happens to be a valid point is fine
          expect(res.status, text).toBeGreaterThanOrEqual(400);
          expect(res.status, text).toBeLessThan(500);
          const parsed = ErrorBody.parse(JSON.parse(text));
          if (res.status === 400) {
            expect(parsed.issues?.length, text).toBeGreaterThan(0);
            for (const issue of parsed.issues!) {
              expect(issue.path).not.toBe('');
              expect(issue.message).not.toBe('');
            }
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe('POST /api/points with arbitrary text as a JSON body', () => {
  it(
    'answers 400 with an error body, never a 500',
    async () => {
      const { app } = fresh({ limits: { writes: { max: 1e9, windowMs: 60_000 } } });
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
          const res = await app.request('/api/points', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: text,
          });
          expect([201, 400]).toContain(res.status);
          if (res.status === 400) ErrorBody.parse(await res.json());
        }),
        { numRuns: Math.ceil(RUNS / 3) },
      );
    },
    TIMEOUT,
  );
});
