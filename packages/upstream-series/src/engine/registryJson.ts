import { SeriesError } from '../git/git.ts';

/**
 * The REGISTRY.json the shared edit engine reads, made from core's chainguardRegistry() by
 * @pve-chainguard/host-delivery (issue 9). Until that package is merged this is the one place
 * to wire it in; everything else already calls the engine through engine/editEngine.ts.
 */
export function registryJson(): string {
  throw new SeriesError('the Setup.pm/Config.pm edit engine (@pve-chainguard/host-delivery, issue 9) is not merged yet');
}
