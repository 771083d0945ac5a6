/** What `runUpstream` builds: the `upstream` command's options, values as given (paths not yet resolved). */
export interface UpstreamOptions {
  pveContainer: string;
  out?: string;
  base: string;
  branch: string;
  signoff?: string;
  reroll?: number;
  changes?: string;
  dryRun: boolean;
}
