/**
 * Draws a running seed sweep's progress (MIME application/vnd.protocol-notebook.progress+json)
 * as a bar with seeds done of total, failing seeds so far, runs per second and
 * threads. The cell's result replaces it when the sweep ends.
 */
import { isSweepProgress, runsPerSecond, type SweepProgress } from '../../src/common/sweepProgress';

const number = (n: number) => n.toLocaleString('en-US');

/** Fills `element` with the progress bar of `data` (or says why it cannot). */
export function renderSweepProgress(element: HTMLElement, data: unknown): void {
  element.replaceChildren();
  if (!isSweepProgress(data)) {
    const p = document.createElement('p');
    p.textContent = 'This output holds no seed sweep progress.';
    element.append(p);
    return;
  }
  element.append(progressBar(data));
}

function progressBar(progress: SweepProgress): HTMLElement {
  const { done, total, failed, workers } = progress;
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const root = document.createElement('div');
  root.className = 'pn-sweep-progress';
  root.dataset.testid = 'sweep-progress';
  root.dataset.done = String(done);
  root.dataset.total = String(total);
  root.dataset.failed = String(failed);
  root.setAttribute('role', 'progressbar');
  root.setAttribute('aria-label', 'explore() seed sweep');
  root.setAttribute('aria-valuemin', '0');
  root.setAttribute('aria-valuemax', String(total));
  root.setAttribute('aria-valuenow', String(done));

  const bar = document.createElement('div');
  bar.className = 'pn-sweep-bar';
  const fill = document.createElement('div');
  fill.className = 'pn-sweep-fill';
  fill.style.width = `${(fraction * 100).toFixed(1)}%`;
  bar.append(fill);

  const line = document.createElement('div');
  line.className = 'pn-sweep-line';
  const seeds = span('pn-sweep-seeds', `${number(done)} / ${number(total)} seeds (${Math.floor(fraction * 100)}%)`);
  const failing = span(failed > 0 ? 'pn-sweep-failing' : 'pn-sweep-detail', `${number(failed)} failing`);
  const rate = span('pn-sweep-detail', `${number(runsPerSecond(progress))} runs/s`);
  const threads = span('pn-sweep-detail', `${workers} ${workers === 1 ? 'thread' : 'threads'}`);
  line.append(seeds, failing, rate, threads);
  const state = progress.stopping ? 'stopping…' : done >= total && failed > 0 ? 'shrinking failures…' : undefined;
  if (state) line.append(span('pn-sweep-detail', state));
  root.append(bar, line);
  return root;
}

function span(className: string, text: string): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}
