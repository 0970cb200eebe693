/**
 * The PowerShell grammar of tree-sitter-powershell (its WebAssembly build, read by web-tree-sitter: no
 * native code), so the exported script can be checked here, where no PowerShell runs: it parses, and
 * what it runs and where its parameters go can be read from the syntax tree, not from the text.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

let parser: Parser | null = null;

/** A parser for PowerShell (loaded once). */
export async function powershellParser(): Promise<Parser> {
  if (parser !== null) return parser;
  await Parser.init();
  const wasm = createRequire(import.meta.url).resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
  const made = new Parser();
  made.setLanguage(await Language.load(wasm));
  parser = made;
  return made;
}

/** Every node under (and including) `root`, depth first. */
export function* nodesOf(root: Node): Generator<Node> {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    for (let i = node.childCount - 1; i >= 0; i--) stack.push(node.child(i)!);
  }
}

/** The syntax errors of a parse: each ERROR or MISSING node, with its line (1-based) and text. */
export function syntaxErrors(root: Node): string[] {
  return [...nodesOf(root)].filter((n) => n.type === 'ERROR' || n.isMissing).map((n) => `line ${n.startPosition.row + 1}: ${n.isMissing ? `missing ${n.type}` : n.text.slice(0, 80)}`);
}

/** The nearest ancestor of `node` of one of these types, or null. */
export function ancestorOf(node: Node, types: readonly string[]): Node | null {
  for (let at = node.parent; at !== null; at = at.parent) if (types.includes(at.type)) return at;
  return null;
}
