import { git } from '../git/git.ts';

/** One line per commit of base..HEAD: subject, files, lines added and removed. */
export function seriesSummary(repo: string, base: string, env: NodeJS.ProcessEnv): string[] {
  const shas = git(repo, ['rev-list', '--reverse', `${base}..HEAD`], { env })
    .split('\n')
    .filter(Boolean);
  return shas.map((sha, i) => {
    const subject = git(repo, ['log', '-1', '--format=%s', sha], { env }).trim();
    const stat = git(repo, ['show', '--numstat', '--format=', sha], { env }).split('\n').filter(Boolean);
    let added = 0;
    let removed = 0;
    for (const line of stat) {
      const [a, r] = line.split('\t');
      added += Number(a) || 0;
      removed += Number(r) || 0;
    }
    return `${i + 1}/${shas.length} ${subject}\n     ${stat.length} files, +${added} -${removed}`;
  });
}
