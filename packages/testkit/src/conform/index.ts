// @pve-chainguard/testkit/conform: the model held to the vectors recorded on real Proxmox.
export { firstOutcomeDifference, normaliseOutcome, stripPerlLocation } from './compare.ts';
export { conform, parseVectors, type ConformResult } from './conform.ts';
export { readVectorsFile } from './vectorsFile.ts';
