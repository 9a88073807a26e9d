import { html } from 'hono/html';
import type { openApiDocument } from './openapi.ts';

type Doc = ReturnType<typeof openApiDocument>;
type Operation = {
  summary: string;
  description?: string;
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
};

/** /api/docs: the same document as plain HTML rendered here (no CDN, no script): readable, printable, linkable. */
export function docsPage(doc: Doc) {
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, unknown>)
      .filter(([method]) => ['get', 'post', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({
        path,
        method: method.toUpperCase(),
        op: op as Operation,
        anchor: `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-'),
      })),
  );
  const params = (op: Operation) =>
    op.parameters?.length
      ? html`<p>
          Parametry:
          ${op.parameters.map((p, i) => html`${i ? ', ' : ''}<code>${p.name}</code> (${p.in}${p.required ? ', wymagany' : ''})`)}
        </p>`
      : '';
  const requestBody = (op: Operation) => {
    const r = op.requestBody && Object.values(op.requestBody.content)[0]?.schema.$ref.split('/').pop();
    return r ? html`<p>Treść żądania: <a href="#schema-${r}">${r}</a></p>` : '';
  };
  return html`<!doctype html>
    <html lang="pl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${doc.info.title}</title>
      </head>
      <body>
        <header>
          <h1>${doc.info.title}</h1>
          <p>${doc.info.description}</p>
          <p>
            Maszynowo czytelny opis: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${doc.openapi}). Słownik
            danych i licencja: <a href="/api/export/dictionary">/api/export/dictionary</a>.
          </p>
        </header>
        <nav aria-label="Spis">
          <ul>
            ${ops.map(
              (o) =>
                html`<li>
                  <a href="#${o.anchor}"><code>${o.method} ${o.path}</code></a> — ${o.op.summary}
                </li>`,
            )}
          </ul>
        </nav>
        <main>
          <h2>Punkty końcowe</h2>
          ${ops.map(
            (o) =>
              html`<section id="${o.anchor}">
                <h3><code>${o.method} ${o.path}</code></h3>
                <p>${o.op.summary}</p>
                ${o.op.description ? html`<p>${o.op.description}</p>` : ''}${params(o.op)}${requestBody(o.op)}
              </section>`,
          )}
          <h2>Schematy</h2>
          ${Object.entries(doc.components.schemas).map(
            ([name, s]) =>
              html`<section id="schema-${name}">
                <h3>${name}</h3>
                <pre>${JSON.stringify(s, null, 2)}</pre>
              </section>`,
          )}
        </main>
      </body>
    </html>`;
}
