// REGISTRY.json for the shared edit engine, made from core's chainguardRegistry() by host-delivery.
export { registryJson } from '@pve-chainguard/host-delivery';
