/**
 * The `@example` runner shared by test/examples.test.ts, test/channel/examples.test.ts and
 * test/tls/examples.test.ts.
 *
 * An example is TypeScript, as the source it documents: it is transpiled (TypeScript's own
 * transpiler, types and `!` removed, nothing else changed) and run as the body of an async
 * function, so `await` and `for await` work at its top level. The names it uses come in as
 * parameters (the scope each test builds); `import { a } from 'ecdh-lab/…'` reads the names from
 * that entry point (and fails when one is not exported).
 *
 * Stated results are checked. An expression statement followed by a comment (on its line, or on
 * the next line) that starts with a JavaScript literal states its value:
 *
 *   bytesToHex(x) // 'cafe'               the value equals the literal
 *   f() // 1n: because …                  the literal may be followed by ':', ',', ';' or ' (' and prose
 *   g() // Uint8Array [1, 0]              a byte string with these bytes
 *   h() // 'ba7816bf…15ad'                a string that starts and ends so ('…' stands for the rest)
 *   k() // { x: 4n, y: 196n }             an object with exactly these fields (values compared as above)
 *   m() // equals n()                     the same value as the expression after `equals` (or `=`),
 *                                         deeply (also for `const z = m() // equals n()`)
 *
 * Any other comment (`// 2G`, `// p − 1`, `// passes`) is prose for the reader: the example is
 * then only checked to run without throwing. An example that must throw says so on its last
 * line: `// throws CODE` (a CryptoError or TlsError code) or `// throws TypeError`.
 */
import { isDeepStrictEqual } from 'node:util';
import ts from 'typescript';

/** The `@example` blocks of a source file: the lines after each tag up to the next tag or the comment's end. */
export function examplesOf(source: string): string[] {
  const out: string[] = [];
  for (const comment of source.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const lines = comment
      .split('\n')
      .map((line) => line.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\*\/\s*$/, ''));
    for (let i = 0; i < lines.length; i++) {
      const tag = /^@example\s*(.*)$/.exec(lines[i].trim());
      if (tag === null) continue;
      const body = [tag[1]];
      for (let j = i + 1; j < lines.length && !lines[j].trim().startsWith('@'); j++)
        body.push(lines[j]);
      out.push(body.join('\n').trim());
    }
  }
  return out;
}

/** A value an example states, and how to compare it. */
export type Stated =
  | { kind: 'value'; value: unknown }
  | { kind: 'bytes'; bytes: number[] }
  | { kind: 'object'; fields: Record<string, Stated> }
  | { kind: 'array'; items: Stated[] }
  | { kind: 'pattern'; parts: string[] };

const SEPARATOR = /^(\s*$|[:,;]|\s+\()/;

/** Reads the literal a comment starts with, or undefined when it starts with prose. */
export function parseStated(comment: string): Stated | undefined {
  const text = comment.trim();
  const bytes = /^Uint8Array \[([^\]]*)\](.*)$/s.exec(text);
  if (bytes !== null) {
    if (!SEPARATOR.test(bytes[2])) return undefined;
    const items = bytes[1].split(',').map((item) => item.trim());
    if (!items.every((item) => /^(0x[0-9a-f]+|\d+)$/i.test(item))) return undefined;
    return { kind: 'bytes', bytes: items.map(Number) };
  }
  // The longest prefix that is a literal, followed by the end or a separator.
  for (let end = text.length; end > 0; end--) {
    if (!SEPARATOR.test(text.slice(end))) continue;
    const prefix = text.slice(0, end);
    const file = ts.createSourceFile('stated.ts', `(${prefix})`, ts.ScriptTarget.ES2022, true);
    if ((file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length > 0) continue;
    const statement = file.statements[0];
    if (file.statements.length !== 1 || !ts.isExpressionStatement(statement)) continue;
    const expression = (statement.expression as ts.ParenthesizedExpression).expression;
    const stated = literal(expression);
    if (stated !== undefined) return stated;
  }
  return undefined;
}

function literal(node: ts.Expression): Stated | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return node.text.includes('…')
      ? { kind: 'pattern', parts: node.text.split('…') }
      : { kind: 'value', value: node.text };
  if (ts.isNumericLiteral(node)) {
    if (/^0\d/.test(node.getText())) return undefined; // "03 02 …" is hex prose, not octal
    return { kind: 'value', value: Number(node.getText().replace(/_/g, '')) };
  }
  if (ts.isBigIntLiteral(node)) return { kind: 'value', value: BigInt(node.text.slice(0, -1)) };
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    const inner = literal(node.operand);
    if (inner?.kind !== 'value' || typeof inner.value === 'string') return undefined;
    return { kind: 'value', value: -(inner.value as number) };
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'value', value: true };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'value', value: false };
  if (node.kind === ts.SyntaxKind.NullKeyword) return { kind: 'value', value: null };
  if (ts.isIdentifier(node) && node.text === 'undefined')
    return { kind: 'value', value: undefined };
  if (ts.isArrayLiteralExpression(node)) {
    const items = node.elements.map((element) => literal(element));
    return items.every((item) => item !== undefined)
      ? { kind: 'array', items: items as Stated[] }
      : undefined;
  }
  if (ts.isObjectLiteralExpression(node)) {
    const fields: Record<string, Stated> = {};
    for (const property of node.properties) {
      if (!ts.isPropertyAssignment(property)) return undefined;
      const name = property.name;
      if (!ts.isIdentifier(name) && !ts.isStringLiteral(name)) return undefined;
      const value = literal(property.initializer);
      if (value === undefined) return undefined;
      fields[name.text] = value;
    }
    return { kind: 'object', fields };
  }
  return undefined;
}

/** Why `actual` is not the stated value, or undefined when it is. */
export function mismatch(actual: unknown, stated: Stated): string | undefined {
  const show = (value: unknown) =>
    typeof value === 'bigint'
      ? `${value}n`
      : value instanceof Uint8Array
        ? `Uint8Array [${[...value]}]`
        : JSON.stringify(value);
  switch (stated.kind) {
    case 'value':
      return Object.is(actual, stated.value)
        ? undefined
        : `${show(actual)} is not ${show(stated.value)}`;
    case 'pattern': {
      if (typeof actual !== 'string') return `${show(actual)} is not a string`;
      const { parts } = stated;
      let at = 0;
      for (let i = 0; i < parts.length; i++) {
        const found =
          i === 0
            ? actual.startsWith(parts[0])
              ? 0
              : -1
            : i === parts.length - 1
              ? actual.length - parts[i].length
              : actual.indexOf(parts[i], at);
        if (found < at || (i === parts.length - 1 && !actual.endsWith(parts[i])))
          return `${show(actual)} does not match '${parts.join('…')}'`;
        at = found + parts[i].length;
      }
      return undefined;
    }
    case 'bytes':
      return actual instanceof Uint8Array &&
        actual.length === stated.bytes.length &&
        actual.every((byte, i) => byte === stated.bytes[i])
        ? undefined
        : `${show(actual)} is not Uint8Array [${stated.bytes}]`;
    case 'array': {
      if (!Array.isArray(actual) && !ArrayBuffer.isView(actual))
        return `${show(actual)} is not an array`;
      const items = [...(actual as ArrayLike<unknown> & Iterable<unknown>)];
      if (items.length !== stated.items.length)
        return `${items.length} items, not ${stated.items.length}`;
      for (let i = 0; i < items.length; i++) {
        const why = mismatch(items[i], stated.items[i]);
        if (why !== undefined) return `[${i}]: ${why}`;
      }
      return undefined;
    }
    case 'object': {
      if (typeof actual !== 'object' || actual === null) return `${show(actual)} is not an object`;
      const keys = Object.keys(actual).sort().join(',');
      const expected = Object.keys(stated.fields).sort().join(',');
      if (keys !== expected) return `fields ${keys}, not ${expected}`;
      for (const [key, value] of Object.entries(stated.fields)) {
        const why = mismatch((actual as Record<string, unknown>)[key], value);
        if (why !== undefined) return `.${key}: ${why}`;
      }
      return undefined;
    }
  }
}

/** What an example must throw, from a last line ending `// throws CODE`. */
export function statedThrow(code: string): string | undefined {
  const lines = code.trim().split('\n');
  return /\/\/\s*throws\s+([A-Z][A-Za-z_]*)\s*$/.exec(lines[lines.length - 1])?.[1];
}

/** The comment after `node` on its line, or on the next line when nothing else is there. */
function statedComment(source: ts.SourceFile, node: ts.Node): string | undefined {
  const text = source.text;
  const trailing = ts.getTrailingCommentRanges(text, node.end);
  const sameLine = trailing?.find((range) => range.kind === ts.SyntaxKind.SingleLineCommentTrivia);
  if (sameLine !== undefined) return text.slice(sameLine.pos + 2, sameLine.end);
  const next = /^[ \t;]*\r?\n[ \t]*\/\/([^\n]*)/.exec(text.slice(node.end));
  return next?.[1];
}

/** The example as JavaScript: imports read from `__import`, stated results checked by `__stated`. */
export function compileExample(code: string): { js: string; checks: number } {
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true);
  const edits: { pos: number; end: number; text: string }[] = [];
  let checks = 0;
  const stated: Stated[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const names =
        clause?.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings)
          ? clause.namedBindings.elements.map((e) => e.name.text)
          : [];
      const from = (statement.moduleSpecifier as ts.StringLiteral).text;
      edits.push({
        pos: statement.getStart(source),
        end: statement.end,
        text: `const { ${names.join(', ')} } = __import(${JSON.stringify(from)}, ${JSON.stringify(names)});`,
      });
      continue;
    }
    const comment =
      ts.isExpressionStatement(statement) || ts.isVariableStatement(statement)
        ? statedComment(source, statement)
        : undefined;
    const same = comment === undefined ? undefined : /^\s*(?:equals|=)\s+(.+?)\s*$/.exec(comment);
    const target = ts.isExpressionStatement(statement)
      ? statement.expression
      : ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1
        ? statement.declarationList.declarations[0].initializer
        : undefined;
    if (same !== null && same !== undefined && target !== undefined && isExpression(same[1])) {
      edits.push({
        pos: target.getStart(source),
        end: target.end,
        text: `__equals(${JSON.stringify(comment?.trim())}, (${target.getText(source)}), () => (${same[1]}))`,
      });
      checks++;
      continue;
    }
    if (!ts.isExpressionStatement(statement)) continue;
    const value = comment === undefined ? undefined : parseStated(comment);
    if (value === undefined) continue;
    const expression = statement.expression;
    stated.push(value);
    edits.push({
      pos: expression.getStart(source),
      end: expression.end,
      text: `__stated(${stated.length - 1}, ${JSON.stringify(comment?.trim())}, (${expression.getText(source)}))`,
    });
    checks++;
  }
  let body = code;
  for (const edit of edits.sort((a, b) => b.pos - a.pos))
    body = body.slice(0, edit.pos) + edit.text + body.slice(edit.end);
  const js = ts.transpileModule(`async function __example() {\n{\n${body}\n}\n}`, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  statedValues.set(js, stated);
  return { js, checks };
}

const statedValues = new Map<string, Stated[]>();

/** Whether `text` is one whole expression. */
function isExpression(text: string): boolean {
  const file = ts.createSourceFile('equals.ts', `(${text})`, ts.ScriptTarget.ES2022, true);
  return (
    (file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0 &&
    file.statements.length === 1 &&
    ts.isExpressionStatement(file.statements[0])
  );
}

/** The outcome of one run: how many stated results were checked. */
export interface ExampleRun {
  checks: number;
}

/**
 * Runs an example with `bindings` in scope; `modules` answers its imports. Rejects when the
 * example throws (or does not throw what it states it throws) or a stated result differs.
 */
export async function runExample(
  code: string,
  bindings: Record<string, unknown>,
  modules: Record<string, Record<string, unknown>> = {},
): Promise<ExampleRun> {
  const { js, checks } = compileExample(code);
  const values = statedValues.get(js) as Stated[];
  const names = Object.keys(bindings).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
  const helpers = {
    __stated: (index: number, comment: string, actual: unknown) => {
      const why = mismatch(actual, values[index]);
      if (why !== undefined) throw new Error(`stated result "// ${comment}" does not hold: ${why}`);
      return actual;
    },
    __equals: (comment: string, actual: unknown, expected: () => unknown) => {
      if (!isDeepStrictEqual(actual, expected()))
        throw new Error(`stated result "// ${comment}" does not hold`);
      return actual;
    },
    __import: (from: string, wanted: string[]) => {
      const module = modules[from];
      if (module === undefined)
        throw new Error(`example imports ${from}, which is not an entry point`);
      const missing = wanted.filter((name) => !(name in module));
      if (missing.length > 0) throw new Error(`${from} does not export ${missing.join(', ')}`);
      return module;
    },
  };
  const all = [...names, ...Object.keys(helpers)];
  const run = new Function(...all, `${js}\nreturn __example();`) as (
    ...args: unknown[]
  ) => Promise<unknown>;
  const expectedThrow = statedThrow(code);
  try {
    await run(...names.map((name) => bindings[name]), ...Object.values(helpers));
  } catch (error) {
    if (expectedThrow === undefined) throw error;
    const { code: errorCode, name } = error as { code?: unknown; name?: unknown };
    if (errorCode !== expectedThrow && name !== expectedThrow)
      throw new Error(
        `example threw ${String(name)} ${String(errorCode)}, not ${expectedThrow}: ${String(error)}`,
      );
    return { checks: checks + 1 };
  }
  if (expectedThrow !== undefined)
    throw new Error(`example states it throws ${expectedThrow}, but it returned`);
  return { checks };
}
