/**
 * Passwords and keys as generated. The "recognised crypt string" pattern is Proxmox's, as
 * oracle/README.md §7 quotes it; hashes with a salt of at most 16 characters and no
 * trailing newline must match it, so the stored-verbatim path is exercised.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INJECTED_LINE, passwordRecipe, renderPassword, renderSshKeys, sshKeysRecipe } from '../../src/arbitraries/secrets.ts';

const PROXMOX_CRYPT = /^\$(?:1|2[axy]?|5|6)\$[a-zA-Z0-9./]{1,16}\$[a-zA-Z0-9./]+$/;

describe('generated secrets', () => {
  it('renders $1$/$5$/$6$ hashes that Proxmox recognises when the salt is short enough', () => {
    fc.assert(
      fc.property(passwordRecipe, (recipe) => {
        if (recipe.kind !== 'hash' || recipe.trailingNewline || recipe.scheme === 'y' || recipe.scheme === '2b') return;
        expect(PROXMOX_CRYPT.test(renderPassword(recipe))).toBe(recipe.salt.length <= 16);
      }),
    );
  });

  it('puts the injected passwd line after a newline, never first', () => {
    fc.assert(
      fc.property(passwordRecipe, (recipe) => {
        const text = renderPassword(recipe);
        if (recipe.kind === 'injected') expect(text.split('\n')[1]).toBe(INJECTED_LINE);
        else
          expect(
            text
              .split('\n')
              .slice(1)
              .filter((l) => l !== ''),
          ).toEqual([]);
      }),
    );
  });

  it('renders one key per line (blank lines between when asked), or nothing', () => {
    fc.assert(
      fc.property(sshKeysRecipe, (recipe) => {
        const lines = renderSshKeys(recipe)
          .split('\n')
          .filter((l) => l !== '');
        expect(lines).toHaveLength(recipe.keys.length);
        for (const line of lines) expect(line).toMatch(/^(?:ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256) [A-Za-z0-9+/]+(?: \S.*)?$/);
      }),
    );
  });
});
