/**
 * The chart's toolbar: a chip per property verdict (a failed one selects its
 * violating event), a warning chip when the run proved a handler not
 * idempotent, violation navigation, the vertical scale, zoom, the node,
 * message-type and timer filters, and the exports.
 */
import { hiddenCount, type ChartFilter } from './chartFilter';
import type { TimeScale } from './chartLayout';
import type { ChartModel } from './chartModel';
import { button, el } from './dom';
import { formatTime } from './eventText';
import { idempotencyChip } from './idempotencyChip';

export interface ToolbarActions {
  selectEvent(index: number): void;
  stepViolation(direction: 1 | -1): void;
  setScale(scale: TimeScale): void;
  zoomBy(factor: number): void;
  fit(): void;
  /** Shows or hides the named nodes, message types or timers. */
  toggle(which: keyof ChartFilter, names: readonly string[], shown: boolean): void;
  copy(format: 'svg' | 'mermaid'): void;
  /** Present where the run can be opened in the trace panel. */
  openPanel?(): void;
}

export interface Toolbar {
  verdicts: HTMLElement;
  tools: HTMLElement;
  /** Shows how many filters are on. */
  filterCount: HTMLElement;
}

export function buildToolbar(model: ChartModel, filter: ChartFilter, scale: TimeScale, actions: ToolbarActions): Toolbar {
  const { trace } = model;
  const verdicts = el('div', { className: 'pn-verdicts', attrs: { role: 'list', 'aria-label': 'Property verdicts' } });
  for (const p of trace.properties) {
    const icon = p.status === 'pass' ? '✓' : p.status === 'fail' ? '✗' : '?';
    const chip = el('button', {
      className: `pn-verdict pn-verdict--${p.status}`,
      attrs: { type: 'button', role: 'listitem', 'data-status': p.status },
      title: p.message ?? (p.status === 'pass' ? 'holds in this run' : p.status),
    }, [el('span', { className: 'pn-verdict-icon', text: icon, attrs: { 'aria-hidden': 'true' } }), el('span', { text: p.name })]);
    chip.setAttribute('aria-label', `${p.name}: ${p.status === 'pass' ? 'passed' : p.status === 'fail' ? `failed${p.at !== undefined ? ` at t=${formatTime(p.at)}` : ''}${p.message ? `, ${p.message}` : ''}` : 'unknown'}`);
    if (p.violatingEvent !== undefined) {
      const index = p.violatingEvent;
      chip.addEventListener('click', () => actions.selectEvent(index));
    } else chip.disabled = p.status === 'pass';
    verdicts.append(chip);
  }
  const warning = idempotencyChip(trace, actions.selectEvent);
  if (warning) verdicts.append(warning);

  const scaleSelect = el('select', { className: 'pn-select', attrs: { 'aria-label': 'Vertical scale' } }, [
    el('option', { text: 'Virtual time', attrs: { value: 'time' } }),
    el('option', { text: 'Lamport time (compact)', attrs: { value: 'lamport' } }),
  ]);
  scaleSelect.value = scale;
  scaleSelect.addEventListener('change', () => actions.setScale(scaleSelect.value === 'lamport' ? 'lamport' : 'time'));

  const filterPanel = el('div', { className: 'pn-filter-panel' });
  const filterCount = el('span', { className: 'pn-badge' });
  if (hiddenCount(filter) > 0) filterCount.textContent = `${hiddenCount(filter)} hidden`;
  const filterBox = el('details', { className: 'pn-filter' }, [el('summary', { className: 'pn-button', text: 'Filter ' }, [filterCount]), filterPanel]);
  const addChecks = (legend: string, names: string[], which: keyof ChartFilter, kind: string): HTMLInputElement[] => {
    const set = el('fieldset', { className: 'pn-fieldset' }, [el('legend', { text: legend })]);
    const boxes = names.map((name) => {
      const box = el('input', { attrs: { type: 'checkbox', 'data-filter': kind, 'data-name': name } });
      box.checked = !filter[which].has(name);
      box.addEventListener('change', () => actions.toggle(which, [name], box.checked));
      set.append(el('label', { className: 'pn-check' }, [box, el('span', { text: name })]));
      return box;
    });
    if (names.length) filterPanel.append(set);
    return boxes;
  };
  addChecks('Nodes', model.lanes.map((l) => l.id), 'hiddenNodes', 'node');
  addChecks('Message types', model.messageTypes, 'hiddenTypes', 'type');
  const timerBoxes = addChecks('Timers', model.timerNames, 'hiddenTimers', 'timer');
  if (timerBoxes.length > 0) {
    // One box for all timers: the bookkeeping of timeouts and retries can crowd a lane.
    const all = el('input', { attrs: { type: 'checkbox', 'data-filter': 'all-timers' } });
    const sync = () => {
      const shown = timerBoxes.filter((b) => b.checked).length;
      // Checked while any timer is shown (mixed when not all are): one click hides them all.
      all.checked = shown > 0;
      all.indeterminate = shown > 0 && shown < timerBoxes.length;
    };
    sync();
    all.addEventListener('change', () => {
      for (const box of timerBoxes) box.checked = all.checked;
      all.indeterminate = false;
      actions.toggle('hiddenTimers', model.timerNames, all.checked);
    });
    for (const box of timerBoxes) box.addEventListener('change', sync);
    timerBoxes[0]!.closest('fieldset')!.querySelector('legend')!.after(el('label', { className: 'pn-check pn-check--all' }, [all, el('span', { text: 'All timers' })]));
  }

  const noViolations = model.violations.length === 0 && !trace.properties.some((p) => p.status === 'fail' && p.violatingEvent !== undefined);
  const previous = button('◀ Violation', 'Previous violation (P)', () => actions.stepViolation(-1), 'pn-button pn-prev-violation');
  const next = button('Violation ▶', 'Next violation (N)', () => actions.stepViolation(1), 'pn-button pn-next-violation');
  previous.disabled = next.disabled = noViolations;
  const tools = el('div', { className: 'pn-tools' }, [
    previous,
    next,
    el('span', { className: 'pn-sep' }),
    scaleSelect,
    button('−', 'Zoom out (−)', () => actions.zoomBy(1 / 1.5), 'pn-button pn-icon'),
    button('+', 'Zoom in (+)', () => actions.zoomBy(1.5), 'pn-button pn-icon'),
    button('Fit', 'Fit the whole run in view (0)', () => actions.fit(), 'pn-button'),
    filterBox,
    el('span', { className: 'pn-sep' }),
    button('Copy SVG', 'Copy the chart as an SVG image', () => actions.copy('svg'), 'pn-button pn-copy-svg'),
    button('Copy Mermaid', 'Copy the chart as a Mermaid sequenceDiagram', () => actions.copy('mermaid'), 'pn-button pn-copy-mermaid'),
    actions.openPanel ? button('Open in panel', 'Open this run in a larger panel', () => actions.openPanel?.(), 'pn-button') : undefined,
  ]);
  return { verdicts, tools, filterCount };
}
