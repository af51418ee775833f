/**
 * The `protocol-notebook` module: what protocol cells import.
 *
 * Define nodes with `node()` (and workload clients with `client()`), run them
 * with `simulate()` on the simulated network, inject faults with
 * `partition()`, `crash()`, `clockSkew()`, `nemesis()`, check properties
 * with `always()`, `eventually()` and the built-ins, sweep seeds with
 * `explore()` and model-check with `check()`.
 *
 * This folder sits above both src/engine and src/check and only re-exports
 * them: the engine knows nothing of the checkers, the checkers build on the
 * engine. Every name is listed (no `export *`): the editor reads this file to
 * learn which names the kernel also offers as globals.
 */
export { node, cluster } from '../engine/api/node';
export { client, type ClientSpec, type ClientRequest, type ClientResponse, type ClientState } from '../engine/api/client';
export { partition, oneWayPartition, crash, clockSkew, nemesis, byzantine, corrupt } from '../engine/api/faults';
export { simulate } from '../engine/simulate';
export type { LooseStates, WorldView, PropertyFailure, PropertyMonitor, RunEnd } from '../engine/api/propertyTypes';
export type {
  NodeId,
  Message,
  Operation,
  OperationStatus,
  Context,
  InitContext,
  HandlerResult,
  MessageHandlers,
  TimerHandler,
  NodeSpec,
  NodeDefinition,
  Latency,
  LinkModel,
  LinkOverride,
  NetworkConfig,
  FaultWindow,
  Fault,
  PartitionFault,
  CrashFault,
  ClockFault,
  NemesisFault,
  ByzantineFault,
  CorruptFault,
  TraceOptions,
  IdempotencyOptions,
  SimulationConfig,
  PctScheduler,
  StatesOf,
  IdempotencyFinding,
  RunError,
  HandlerRuns,
  EndReason,
  RunResult,
  EffectRecord,
  Property,
} from '../engine/api/types';
export type { Trace, TraceEvent, TraceMessage, PropertyVerdict, RunStats, JsonValue } from '../common/traceFormat';
export type { HistoryOperation } from '../common/history';

// Model internals, for explorers and model checkers.
export { createWorld } from '../engine/model/createWorld';
export { World, type Step, type NodeRuntime } from '../engine/model/world';
export { cloneWorld, canonicalState, fingerprint } from '../engine/model/snapshot';
export { runHandlerDetached } from '../engine/model/detachedRun';

// The properties and the checkers, which build on the engine.
export { always, eventually, agreement, validity, integrity, termination, exactlyOnce, workload } from '../check/properties/index';
export type { WorkloadName, EventuallyOptions, WorldPredicate, AgreementOptions, ConsensusOptions, TerminationOptions } from '../check/properties/index';
export { explore } from '../check/explore/explore';
export { swarmConfig } from '../check/explore/swarmConfig';
export type { ExploreOptions, ExploreResult, ExploreFailure, ExploreCoverage, ShrunkCounterexample, Replay, SeedSpec, Shard, SwarmOptions, SwarmMix } from '../check/explore/types';
export { check } from '../check/modelCheck/check';
export type { CheckOptions, CheckResult, CheckVerdict, CheckCounterexample, CheckStats, CheckCoverage, CheckHandlerCoverage } from '../check/modelCheck/types';
