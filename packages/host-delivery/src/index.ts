export { registryData, registryJson, writeRegistryJson, type RegistryJson } from './registryJson.ts';
export { PACKAGE_NAME, SOURCE_DATE_EPOCH, releaseFiles, releaseVersion, type ReleaseFile } from './release.ts';
export { buildDeb, buildRelease, buildTarball, type BuiltArtefacts } from './build.ts';
export { PACKAGE_HELP, PACKAGE_SUMMARY, runPackageCommand, type PackageIo } from './packageCommand.ts';
