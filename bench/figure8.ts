/** Raft's Figure 8 from its textbook notebook, as the benches run it (see test/fixtures/protocols/raftFigure8.ts). */
export { figure8Buggy, figure8Unscripted } from '../test/fixtures/protocols/raftFigure8';
