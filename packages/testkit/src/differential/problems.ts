/** What can be wrong with a case: the differential itself, or one of the invariants. */
export const PROBLEM_KINDS = ['differential', 'outside', 'accounts', 'injection', 'idempotence', 'model-crash'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface Problem {
  kind: ProblemKind;
  message: string;
}

export const PROBLEM_TITLES: Record<ProblemKind, string> = {
  differential: 'model and Perl differ',
  outside: 'something outside the rootfs changed',
  accounts: "another account's passwd/shadow line changed",
  injection: 'a value with an embedded newline added a line to a file',
  idempotence: 'running the last hook again changed the tree',
  'model-crash': 'the model crashed (an exception that is not a Perl die)',
};

export function formatProblem(p: Problem): string {
  return `[${p.kind}] ${p.message}`;
}
