/** Which IR expressions Perl reads inside a double-quoted string or a `{...}` subscript as they are. */
import type { PerlExpr } from './ast.ts';

/** A bareword that `=>` and `{...}` subscripts auto-quote. */
export function isBareKey(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key);
}

/** A scalar that can sit inside a double-quoted string as `$x`, `$h->{k}`, `$m[0]`. */
export function interpolatable(e: PerlExpr): boolean {
  if (e.k === 'var') return e.sigil === '$';
  if (e.k === 'elem') {
    const simpleKey = e.key.k === 'str' ? isBareKey(e.key.value) : e.key.k === 'num' || (e.key.k === 'var' && e.key.sigil === '$');
    return simpleKey && (e.base.k === 'var' || interpolatable(e.base));
  }
  return false;
}
