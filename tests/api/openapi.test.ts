import { describe, expect, it } from 'vitest';
import { fresh } from './helpers.ts';

describe('OpenAPI', () => {
  it('describes the public API as OpenAPI 3.1 with schemas taken from the validators', async () => {
    const { app } = fresh();
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/points',
      '/api/points/{id}',
      '/api/events',
      '/api/export/points.geojson',
      '/api/export/points.csv',
      '/api/stats',
      '/api/sessions/{code}',
      '/api/points/{id}/contact-requests',
      '/api/points/nearest',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    const create = doc.components.schemas.PointCreate;
    const walk = create.oneOf.find(
      (s: { properties: { layer: { const: string } } }) => s.properties.layer.const === 'walk',
    );
    expect(walk.additionalProperties).toBe(false);
    expect(walk.required).toEqual(expect.arrayContaining(['layer', 'lng', 'lat', 'kind', 'theme', 'title', 'consent']));
    expect(walk.properties.theme.enum).toContain('zielen');
    expect(walk.properties.session.pattern).toBeDefined();
    const layer = doc.paths['/api/points'].get.parameters.find((p: { name: string }) => p.name === 'layer');
    expect(layer).toMatchObject({ in: 'query', required: true, schema: { enum: ['walk', 'help'] } });
    const ask = doc.components.schemas.ContactRequestCreate;
    expect(ask.required).toEqual(expect.arrayContaining(['name', 'message', 'consent', 'fillMs']));
    expect(ask.properties.message.maxLength).toBe(500);
    expect(doc.paths['/api/points/{id}/contact-requests'].post.responses).toHaveProperty(['201']);
    // Every $ref points at a schema that exists.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    for (const name of refs) expect(doc.components.schemas, name).toHaveProperty([name]);
  });

  it('serves a human-readable page without scripts or outside resources', async () => {
    const { app } = fresh();
    const res = await app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('<h3><code>POST /api/points</code></h3>');
    expect(page).toContain('href="/api/openapi.json"');
    expect(page).not.toMatch(/<script|https?:\/\/(?!creativecommons)[^"]*\.(js|css)/);
    // JSON in <pre> is escaped text, not markup.
    expect(page).toContain('&quot;type&quot;');
  });
});
