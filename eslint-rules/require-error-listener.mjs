/**
 * ESLint rule: every `new pg.Client` / `new pg.Pool` (node-postgres) and `new Redis` (ioredis)
 * gets an 'error' listener in the same function: `x.on('error', ...)` on the variable or member
 * it was assigned to. Without one, a dropped link emits 'error' with nobody listening and Node
 * ends the process (issue 17: inventory died of `read ECONNRESET`). For pools prefer
 * createPgPool (@shop/persistence), which also covers clients while they are checked out; it
 * is a function call, so this rule does not ask anything of it. A `createRedis(...)` call
 * (@shop/messaging's connection factory, which leaves the listener to its caller) counts as a
 * `new Redis`.
 */

const PG_CLASSES = new Set(['Client', 'Pool']);
const REDIS_CLASSES = new Set(['Redis', 'Cluster']);

function importedNames(program) {
  const named = new Map(); // local name -> what it is ('pg.Client', 'ioredis.Redis', ...)
  const namespaces = new Map(); // local name of `import pg from 'pg'` -> module
  for (const node of program.body) {
    if (node.type !== 'ImportDeclaration') continue;
    const source = node.source.value;
    if (source !== 'pg' && source !== 'ioredis') continue;
    const classes = source === 'pg' ? PG_CLASSES : REDIS_CLASSES;
    for (const spec of node.specifiers) {
      if (spec.type === 'ImportSpecifier') {
        const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
        if (classes.has(imported)) named.set(spec.local.name, `${source}.${imported}`);
      } else if (source === 'ioredis' && spec.type === 'ImportDefaultSpecifier') {
        named.set(spec.local.name, 'ioredis.Redis');
      } else {
        namespaces.set(spec.local.name, source);
      }
    }
  }
  return { named, namespaces };
}

function constructed(callee, imports) {
  if (callee.type === 'Identifier') return imports.named.get(callee.name);
  if (callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' && callee.property.type === 'Identifier') {
    const module = imports.namespaces.get(callee.object.name);
    const classes = module === 'pg' ? PG_CLASSES : module === 'ioredis' ? REDIS_CLASSES : undefined;
    if (classes?.has(callee.property.name)) return `${module}.${callee.property.name}`;
  }
  return undefined;
}

/** The expression the new object is stored in (`x` of `const x = new ...`, `this.pool` of `this.pool = new ...`). */
function targetOf(node, sourceCode) {
  let parent = node.parent;
  while (parent && (parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'TSSatisfiesExpression')) parent = parent.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'AssignmentExpression' && parent.operator === '=') return sourceCode.getText(parent.left);
  if (parent?.type === 'PropertyDefinition' && parent.key.type === 'Identifier') return `this.${parent.key.name}`;
  return undefined;
}

function scopeOf(node) {
  let current = node.parent;
  while (current) {
    if (current.type === 'ClassBody' || current.type === 'Program') return current;
    if (current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression' || current.type === 'ArrowFunctionExpression') {
      // A constructor's fields are often wired in the constructor: look at the whole class.
      if (current.parent?.type === 'MethodDefinition' && current.parent.kind === 'constructor') return current.parent.parent;
      return current;
    }
    current = current.parent;
  }
  return undefined;
}

function listensForErrors(scope, target, sourceCode, visitorKeys) {
  let found = false;
  const visit = (node) => {
    if (found || !node || typeof node.type !== 'string') return;
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'MemberExpression' &&
      !node.callee.computed &&
      node.callee.property.type === 'Identifier' &&
      (node.callee.property.name === 'on' || node.callee.property.name === 'addListener') &&
      node.arguments[0]?.type === 'Literal' &&
      node.arguments[0].value === 'error' &&
      sourceCode.getText(node.callee.object) === target
    ) {
      found = true;
      return;
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = node[key];
      if (Array.isArray(child)) child.forEach(visit);
      else visit(child);
    }
  };
  visit(scope);
  return found;
}

export const requireErrorListener = {
  meta: {
    type: 'problem',
    docs: { description: "require an 'error' listener on every pg Client/Pool and ioredis connection" },
    schema: [],
    messages: {
      missing:
        "`{{what}}` without an 'error' listener: a dropped link would crash the process. Add `{{target}}.on('error', ...)` in the same function{{hint}}.",
      unassigned: "`{{what}}` must be kept in a variable that gets an 'error' listener (a dropped link would crash the process){{hint}}.",
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    let imports;
    return {
      Program(program) {
        imports = importedNames(program);
      },
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'createRedis') check(node, 'ioredis.Redis');
      },
      NewExpression(node) {
        const kind = constructed(node.callee, imports);
        if (kind) check(node, kind);
      },
    };

    function check(node, kind) {
      const what = node.type === 'NewExpression' ? `new ${sourceCode.getText(node.callee)}` : `${sourceCode.getText(node.callee)}(...)`;
      const hint = kind === 'pg.Pool' ? ', or use createPgPool from @shop/persistence' : '';
      const target = targetOf(node, sourceCode);
      if (!target) {
        context.report({ node, messageId: 'unassigned', data: { what, hint } });
        return;
      }
      const scope = scopeOf(node);
      if (!scope || !listensForErrors(scope, target, sourceCode, sourceCode.visitorKeys)) {
        context.report({ node, messageId: 'missing', data: { what, target, hint } });
      }
    }
  },
};

export default { rules: { 'require-error-listener': requireErrorListener } };
