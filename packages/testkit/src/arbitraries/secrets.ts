/**
 * Root passwords and SSH keys as `pct create` hands them to post_create_hook. Passwords:
 * none, plain text (some with embedded newlines carrying a would-be passwd line), and
 * crypt strings `$1$ $5$ $6$ $y$` (plus `$2b$`), some with a trailing newline.
 */
import fc from 'fast-check';

const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A line that would add a root-equivalent account if it ever reached /etc/passwd. */
export const INJECTED_LINE = 'intruder::0:0::/root:/bin/sh';

export type PasswordRecipe =
  | { kind: 'plain'; text: string }
  | { kind: 'injected'; before: string; trailing: boolean }
  | { kind: 'hash'; scheme: '1' | '5' | '6' | 'y' | '2b'; salt: number[]; hash: number[]; trailingNewline: boolean };

const hashChars = (n: number) => fc.array(fc.nat(CRYPT_ALPHABET.length - 1), { minLength: 1, maxLength: n });

export const passwordRecipe: fc.Arbitrary<PasswordRecipe> = fc.oneof(
  fc.record({
    kind: fc.constant('plain' as const),
    text: fc.constantFrom('secret', '', '!', '*', 'p@ss w0rd', 'pässwörd', 'x:y:z', '$6$notahash', 'a\\nb'),
  }),
  fc.record({
    kind: fc.constant('injected' as const),
    before: fc.constantFrom('secret', '$6$salt$hash', ''),
    trailing: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('hash' as const),
    scheme: fc.constantFrom('1' as const, '5' as const, '6' as const, 'y' as const, '2b' as const),
    salt: hashChars(20),
    hash: hashChars(86),
    trailingNewline: fc.boolean(),
  }),
);

export function renderPassword(recipe: PasswordRecipe): string {
  switch (recipe.kind) {
    case 'plain':
      return recipe.text;
    case 'injected':
      return `${recipe.before}\n${INJECTED_LINE}${recipe.trailing ? '\n' : ''}`;
    case 'hash': {
      const chars = (xs: number[]) => xs.map((i) => CRYPT_ALPHABET[i]).join('');
      const body = recipe.scheme === 'y' ? `j9T$${chars(recipe.salt)}` : chars(recipe.salt);
      return `$${recipe.scheme}$${body}$${chars(recipe.hash)}${recipe.trailingNewline ? '\n' : ''}`;
    }
  }
}

export interface SshKeyRecipe {
  type: 'ed25519' | 'rsa' | 'ecdsa';
  body: number;
  comment: '' | 'admin@example.com' | 'root@pve' | 'a b c';
}

export interface SshKeysRecipe {
  keys: SshKeyRecipe[];
  trailingNewline: boolean;
  blankLineBetween: boolean;
}

export const sshKeysRecipe: fc.Arbitrary<SshKeysRecipe> = fc.record({
  keys: fc.array(
    fc.record({
      type: fc.constantFrom('ed25519' as const, 'rsa' as const, 'ecdsa' as const),
      body: fc.nat(0xffff),
      comment: fc.constantFrom('' as const, 'admin@example.com' as const, 'root@pve' as const, 'a b c' as const),
    }),
    { maxLength: 3 },
  ),
  trailingNewline: fc.boolean(),
  blankLineBetween: fc.boolean(),
});

const KEY_PREFIX = {
  ed25519: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI',
  rsa: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ',
  ecdsa: 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB',
} as const;

/** The keys as one string (what `pct create --ssh-public-keys` reads from the file). */
export function renderSshKeys(recipe: SshKeysRecipe): string {
  const lines = recipe.keys.map((key) => {
    const body = Buffer.from(`key-${key.type}-${key.body}`).toString('base64').replace(/=+$/, '');
    return `${KEY_PREFIX[key.type]}${body}${key.comment ? ` ${key.comment}` : ''}`;
  });
  const text = lines.join(recipe.blankLineBetween ? '\n\n' : '\n');
  return text === '' ? '' : `${text}${recipe.trailingNewline ? '\n' : ''}`;
}
