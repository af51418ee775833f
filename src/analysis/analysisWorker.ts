/**
 * The worker thread the editor runs the notebook analysis in, so that building
 * and checking a notebook's program never blocks the extension host. It
 * answers `AnalysisRequest`s in order (see analysisRequests.ts).
 */
import { parentPort } from 'node:worker_threads';
import { type AnalysisPrograms, type AnalysisRequest, answerAnalysisRequest } from './analysisRequests';

const programs: AnalysisPrograms = new Map();
parentPort?.on('message', (request: AnalysisRequest) => {
  parentPort?.postMessage(answerAnalysisRequest(programs, request));
});
