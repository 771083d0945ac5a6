export { registryData, registryJson, writeRegistryJson, type RegistryJson } from './registryJson.ts';
