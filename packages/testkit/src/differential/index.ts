export { HarnessPool, type HarnessPoolOptions } from './HarnessPool.ts';
export { outcomeDifference } from './compareOutcomes.ts';
export * from './invariants.ts';
export {
  checkCase,
  checkModel,
  harnessCase,
  runModel,
  runModelRaw,
  runLastStepAgain,
  type ModelVerdict,
  type CaseContext,
  type CaseVerdict,
  type PerlRunner,
} from './checkCase.ts';
export * from './runDifferential.ts';
export * from './report.ts';
export * from './settings.ts';
export { harnessRegistry, perlPattern, type DriverRegistry } from './harnessRegistry.ts';
export { TARGETS, TARGET_NAMES, baseNames, guaranteesFor, locatePluginModule, target, type DifferentialTarget, type Guarantees, type PluginModule } from './targets.ts';
export * from './problems.ts';
export { BREAKAGES, writeBrokenModule, type Breakage } from './breakModule.ts';
