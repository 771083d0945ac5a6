import { gitMaybe, SeriesError } from './git.ts';

export interface Ident {
  name: string;
  email: string;
}

export function formatIdent(i: Ident): string {
  return `${i.name} <${i.email}>`;
}

/** Parses `Name <mail>`; throws naming the value when it is not of that shape. */
export function parseIdent(value: string, what: string): Ident {
  const m = /^\s*([^<>\n]*[^<>\s])\s*<([^<>\s@]+@[^<>\s@]+)>\s*$/.exec(value);
  if (!m) throw new SeriesError(`${what} '${value}' is not of the form "Name <mail@example.org>"`);
  return { name: m[1]!, email: m[2]! };
}

function configValue(dir: string, key: string, env: NodeJS.ProcessEnv): string | undefined {
  const v = gitMaybe(dir, ['config', '--get', key], env)?.trim();
  return v ? v : undefined;
}

/**
 * The identity git would record for the author or committer in `dir`: GIT_<ROLE>_NAME/EMAIL
 * from the environment, else user.name/user.email from git config. Undefined when either is
 * missing (we never let git invent one from the host name).
 */
export function gitIdent(dir: string, role: 'AUTHOR' | 'COMMITTER', env: NodeJS.ProcessEnv): Ident | undefined {
  const name = env[`GIT_${role}_NAME`] || configValue(dir, 'user.name', env);
  const email = env[`GIT_${role}_EMAIL`] || configValue(dir, 'user.email', env);
  return name && email ? { name, email } : undefined;
}

/** Environment that makes git record exactly these identities. */
export function identEnv(env: NodeJS.ProcessEnv, author: Ident, committer: Ident): NodeJS.ProcessEnv {
  return {
    ...env,
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
  };
}
