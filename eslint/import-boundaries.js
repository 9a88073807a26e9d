// The one-way import rule of docs/architecture.md, checked on resolved paths (so `../common/../server/x`
// cannot sneak past a pattern): client → common ← server, and the map draws from props, never reading views.
import path from 'node:path';

/** Each entry: files under `from` may not import anything under one of `notInto`. Paths relative to the repo. */
export const BOUNDARIES = [
  { from: 'src/client', notInto: ['src/server'], why: 'the client reaches the server only through HTTP' },
  { from: 'src/server', notInto: ['src/client'], why: 'the server never runs client code' },
  { from: 'src/common', notInto: ['src/client', 'src/server'], why: 'shared code runs on both sides' },
  { from: 'src/client/map', notInto: ['src/client/views'], why: 'map layers draw from props, not view state' },
];

const inside = (file, folder) => file === folder || file.startsWith(`${folder}/`);

/** @type {import('eslint').Rule.RuleModule} */
export const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports flowing client → common ← server, and map → never views' },
    schema: [],
    messages: { crossing: '{{from}} may not import {{into}}: {{why}}.' },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const rules = BOUNDARIES.filter((b) => inside(file, b.from));
    if (rules.length === 0) return {};
    const check = (source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const spec = source.value;
      if (!spec.startsWith('.') && !spec.startsWith('/')) return;
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), spec))
        .split(path.sep)
        .join('/');
      for (const b of rules) {
        const into = b.notInto.find((folder) => inside(target, folder));
        if (into) context.report({ node: source, messageId: 'crossing', data: { from: b.from, into, why: b.why } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export default { rules: { 'import-boundaries': rule } };
