/**
 * The `protocol-notebook` module: what protocol cells import.
 *
 * Define nodes with `node()` (and workload clients with `client()`), run them
 * with `simulate()` on the simulated network, inject faults with
 * `partition()`, `crash()`, `clockSkew()`, `nemesis()`, and check properties
 * with `always()`, `eventually()` and the built-ins.
 *
 * The model internals (`createWorld`, `World`, `cloneWorld`, `fingerprint`)
 * are exported for explorers and model checkers.
 */
export { node, cluster } from './api/node';
export { client, type ClientSpec, type ClientRequest, type ClientResponse, type ClientState } from './api/client';
export { partition, oneWayPartition, crash, clockSkew, nemesis, byzantine, corrupt } from './api/faults';
export { simulate } from './simulate';
export { always, eventually, agreement, validity, integrity, termination, exactlyOnce, workload } from '../check/properties/index';
export type { WorkloadName, EventuallyOptions, WorldPredicate, LooseStates, ConsensusOptions, TerminationOptions, WorldView, PropertyFailure, PropertyMonitor } from '../check/properties/index';
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
  StatesOf,
  IdempotencyFinding,
  RunError,
  EndReason,
  RunResult,
  EffectRecord,
  Property,
} from './api/types';
export type { Trace, TraceEvent, TraceMessage, PropertyVerdict, RunStats, JsonValue } from '../common/traceFormat';
export type { HistoryOperation } from '../common/history';
export { explore } from '../check/explore/explore';
export type { ExploreOptions, ExploreResult, ExploreFailure, ShrunkCounterexample, Replay, SeedSpec, Shard } from '../check/explore/types';
export { check } from '../check/modelCheck/check';
export type { CheckOptions, CheckResult, CheckVerdict, CheckCounterexample, CheckStats } from '../check/modelCheck/types';

// Model internals, for explorers and model checkers.
export { createWorld } from './model/createWorld';
export { World, type Step, type NodeRuntime } from './model/world';
export { cloneWorld, canonicalState, fingerprint } from './model/snapshot';
export { runHandlerDetached } from './model/detachedRun';
