export { registryData, registryJson, writeRegistryJson, type RegistryJson } from './registryJson.ts';
export { PACKAGE_NAME, REPO_ROOT, SOURCE_DATE_EPOCH, releaseFiles, releaseVersion, type ReleaseFile } from './release.ts';
export { buildDeb, buildRelease, buildTarball, type BuiltArtefacts } from './build.ts';
// Its command front-end (`pve-chainguard package`) lives in @pve-chainguard/cli.
