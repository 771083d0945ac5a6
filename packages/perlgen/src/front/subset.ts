/**
 * The syntax allowlist: every node kind a plugin file may contain, with what it becomes.
 * Anything else is a compile error at its position, before any lowering is attempted.
 * (Type annotations and JSDoc are skipped: they only inform the lowering.)
 */
import type { SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from './tsMorph.ts';
import { handWrittenReason } from './handWritten.ts';
import type { Row } from './mapping.ts';

export const SYNTAX_ROWS: Readonly<Record<string, Row>> = {
  SourceFile: { ts: 'the plugin file', perl: 'package PVE::LXC::Setup::<Name>' },
  ImportDeclaration: { ts: "import { x } from '../pve/lxc.ts'", perl: 'use PVE::LXC::Config; (per mapped call)' },
  ImportClause: { ts: 'import clause', perl: '—' },
  NamedImports: { ts: 'import { a, b }', perl: '—' },
  ImportSpecifier: { ts: 'import name', perl: '—' },
  ClassDeclaration: { ts: 'export class X extends Base', perl: 'use base qw(PVE::LXC::Setup::Base);' },
  HeritageClause: { ts: 'extends Base | Plugin', perl: 'use base qw(...)' },
  ExpressionWithTypeArguments: { ts: 'extends Base', perl: '—' },
  PropertyDeclaration: { ts: 'readonly version = 0', perl: '{ ..., version => 0 } in sub new' },
  Constructor: { ts: 'constructor(conf, rootdir) { super(conf, rootdir); ... }', perl: 'sub new { ...; return bless $self, $class; }' },
  MethodDeclaration: { ts: 'setupNetwork(conf) {...} / private helper() {...}', perl: 'sub setup_network {...} / my sub helper {...}' },
  FunctionDeclaration: { ts: 'function helper(s: string) {...}', perl: 'my sub helper {...}' },
  Parameter: { ts: '(conf: PctConf, ...rest: string[], x = d)', perl: 'my ($self, $conf, @rest) = @_; $x //= d;' },
  Block: { ts: '{ ... }', perl: '{ ... }' },
  VariableStatement: { ts: 'const x = e; let y: T; const l = [...]', perl: 'my $x = e; my $y; my @l = (...) (used only through its elements)' },
  VariableDeclarationList: { ts: 'const/let', perl: 'my' },
  VariableDeclaration: { ts: 'x = e', perl: '$x = e' },
  ArrayBindingPattern: { ts: 'const [a, b] = list / const [, g1] = re.exec(s) ?? []', perl: 'my ($a, $b) = LIST; / my ($g1) = $s =~ /re/;' },
  BindingElement: { ts: 'a in [a, b]', perl: '$a' },
  OmittedExpression: { ts: 'const [, b]', perl: 'my (undef, $b)' },
  ExpressionStatement: { ts: 'call(); x = e; i++;', perl: 'call(); $x = e; $i++;' },
  IfStatement: { ts: 'if (c) x; else if ... else ...', perl: 'x if c; / if (c) {...} elsif (...) {...} else {...}' },
  ForStatement: { ts: 'for (let i = A; i < B; i++)', perl: 'for my $i (A .. B - 1)' },
  ForOfStatement: { ts: 'for (const x of a)', perl: 'for my $x (@$a)' },
  WhileStatement: { ts: 'while (c) {...}', perl: 'while (c) {...}' },
  ReturnStatement: { ts: 'return e; return;', perl: 'return e; return;' },
  ContinueStatement: { ts: 'continue', perl: 'next' },
  BreakStatement: { ts: 'break', perl: 'last' },
  TryStatement: { ts: 'try {...} catch {...} / let x; try { x = e; } catch {}', perl: 'eval {...}; if ($@) {...} / my $x = eval { e };' },
  CatchClause: { ts: 'catch', perl: 'if ($@)' },
  CallExpression: { ts: 'f(x), this.m(x), s.m(x)', perl: 'see the call rows' },
  PropertyAccessExpression: { ts: 'h.k, this.f, s.length, h?.k', perl: '$h->{k}, $self->{f}, length($s), $h && $h->{k}' },
  ElementAccessExpression: { ts: 'h[k], a[i], m[1]', perl: '$h->{$k}, $a->[$i], $m[0]' },
  BinaryExpression: { ts: 'a op b', perl: 'see the operator rows' },
  PrefixUnaryExpression: { ts: '!c, -n', perl: '!c, -n' },
  PostfixUnaryExpression: { ts: 'i++', perl: '$i++' },
  ConditionalExpression: { ts: 'c ? a : b', perl: 'c ? a : b' },
  TemplateExpression: { ts: '`a ${x} b`', perl: '"a $x b" (or a . concatenation for calls)' },
  TemplateSpan: { ts: '${x}', perl: '$x' },
  NoSubstitutionTemplateLiteral: { ts: '`text`', perl: "'text'" },
  StringLiteral: { ts: "'text'", perl: "'text' / \"text\\n\"" },
  NumericLiteral: { ts: '42, 0o755, 0x1f', perl: '42, 0o755, 0x1f' },
  RegularExpressionLiteral: { ts: '/re/flags', perl: '/re/flags (dialect translated, see regex.ts)' },
  Identifier: { ts: 'name', perl: '$name' },
  ObjectLiteralExpression: { ts: '{ k: v, ...h }', perl: '{ k => v, %$h }' },
  PropertyAssignment: { ts: "k: v, 'a-b': v", perl: "k => v, 'a-b' => v" },
  ShorthandPropertyAssignment: { ts: '{ name }', perl: '{ name => $name }' },
  SpreadAssignment: { ts: '{ ...h }', perl: '{ %$h }' },
  ComputedPropertyName: { ts: '{ [k]: v }', perl: '{ $k => v }' },
  ArrayLiteralExpression: { ts: '[a, ...b]', perl: '[a, @$b]' },
  SpreadElement: { ts: '...a', perl: '@$a' },
  ParenthesizedExpression: { ts: '(e)', perl: 'parentheses by Perl precedence' },
  NonNullExpression: { ts: 'e!', perl: 'e' },
  AsExpression: { ts: 'e as T', perl: 'e' },
  SatisfiesExpression: { ts: 'e satisfies T', perl: 'e' },
  ArrowFunction: { ts: '(x) => e (callbacks only)', perl: 'map { e } / grep { e } / s///er' },
  NewExpression: { ts: 'new RegExp(`^${quotemeta(s)}${WS}*`) (regexes only)', perl: 'qr/^(?:\\Q$s\\E)[\\t\\n\\x0B\\f\\r ]*/' },
  TypeAliasDeclaration: { ts: 'type T = ...', perl: '— (types only)' },
  InterfaceDeclaration: { ts: 'interface I {...}', perl: '— (types only)' },
};

/** Why common constructs outside the subset are refused. */
const REFUSALS: Readonly<Record<string, string>> = {
  ForInStatement: "for...in walks keys in JS order and Perl's is random; use for (const k of Object.keys(h).sort())",
  SwitchStatement: 'switch is outside the subset; use if/else if',
  ThrowStatement: "throw is outside the subset; use die('message\\n')",
  TypeOfExpression: 'runtime type tests are outside the subset',
  DeleteExpression: 'delete is outside the subset',
  AwaitExpression: 'async code is outside the subset',
  GetAccessor: 'accessors are outside the subset; use a method',
  SetAccessor: 'accessors are outside the subset; use a method',
  ClassExpression: 'one plugin class per file',
  FunctionExpression: 'use an arrow callback or a named function',
  ObjectBindingPattern: 'object destructuring is outside the subset',
  TaggedTemplateExpression: 'tagged templates are outside the subset',
  LabeledStatement: 'labels are outside the subset',
  DoStatement: 'do...while is outside the subset',
  Decorator: 'decorators are outside the subset',
  EnumDeclaration: 'enums are outside the subset; use string literals',
  ClassStaticBlockDeclaration: 'static blocks are outside the subset',
  VoidExpression: 'void is outside the subset',
  ExportAssignment: 'export default is outside the subset',
};

export interface SubsetViolation {
  node: Node;
  message: string;
}

export function checkSubset(sf: SourceFile): SubsetViolation[] {
  const found: SubsetViolation[] = [];
  sf.forEachDescendant((node, traversal) => {
    if (Node.isTypeNode(node) || Node.isJSDoc(node) || Node.isTypeParameterDeclaration(node)) {
      traversal.skip();
      return;
    }
    const kind = node.getKind();
    if (kind >= SyntaxKind.FirstToken && kind <= SyntaxKind.LastToken) return;
    if (Node.isTypeAliasDeclaration(node) || Node.isInterfaceDeclaration(node) || handWrittenReason(node) !== undefined) {
      traversal.skip();
      return;
    }
    const name = node.getKindName();
    if (SYNTAX_ROWS[name]) return;
    found.push({ node, message: REFUSALS[name] ?? `${name} is outside the subset` });
    traversal.skip();
  });
  return found;
}
