/**
 * The chart as a box in a notebook: it does not take the mouse wheel until
 * it has focus (a click or Tab), so scrolling the notebook never gets stuck
 * in it, and its height can be dragged (or set with the arrow keys) by a
 * handle under it. The CSS half is in chart.css (`.pn-chart--output`).
 */
import { el } from './dom';

export const MIN_OUTPUT_HEIGHT = 160;
export const MAX_OUTPUT_HEIGHT = 2400;
const KEY_STEP = 40;
const HINT_MS = 1600;

export interface OutputBox {
  /** The stage, the handle under it and the wheel hint in it. */
  element: HTMLElement;
  /** The height the user chose, in CSS pixels; undefined: automatic. */
  height(): number | undefined;
}

/**
 * Makes `stage` a box in the notebook: `resize` is called while the chosen
 * height changes, `commit` once a change is over (to remember it).
 */
export function outputBox(stage: HTMLElement, initialHeight: number | undefined, on: { resize(): void; commit(): void }): OutputBox {
  let chosen = initialHeight;
  const handle = resizeHandle({
    height: () => stage.clientHeight,
    resize: (height) => {
      chosen = height;
      on.resize();
    },
    commit: (height) => {
      chosen = height;
      on.commit();
    },
  });
  stage.append(wheelHint(stage));
  return { element: el('div', { className: 'pn-stage-column' }, [stage, handle]), height: () => chosen };
}

interface ResizeOptions {
  /** The stage's height now, in CSS pixels. */
  height(): number;
  /** Called while the height changes. */
  resize(height: number): void;
  /** Called once a change is over; undefined: back to the automatic height. */
  commit(height: number | undefined): void;
}

/** The handle under the stage that sets its height. */
function resizeHandle(options: ResizeOptions): HTMLElement {
  const handle = el('div', {
    className: 'pn-resize',
    title: 'Drag to change the height of the chart (double-click: automatic height)',
    attrs: { role: 'separator', tabindex: '0', 'aria-orientation': 'horizontal', 'aria-label': 'Height of the chart; up and down arrows change it', 'aria-valuemin': String(MIN_OUTPUT_HEIGHT), 'aria-valuemax': String(MAX_OUTPUT_HEIGHT) },
  });
  const clamp = (h: number) => Math.round(Math.min(MAX_OUTPUT_HEIGHT, Math.max(MIN_OUTPUT_HEIGHT, h)));
  const apply = (h: number) => {
    options.resize(h);
    handle.setAttribute('aria-valuenow', String(h));
  };
  let drag: { startY: number; startHeight: number; height: number } | undefined;
  handle.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    e.preventDefault();
    handle.setPointerCapture(e.pointerId);
    drag = { startY: e.clientY, startHeight: options.height(), height: options.height() };
    handle.classList.add('pn-resize--active');
  });
  handle.addEventListener('pointermove', (e) => {
    if (!drag) return;
    drag.height = clamp(drag.startHeight + e.clientY - drag.startY);
    apply(drag.height);
  });
  const end = () => {
    if (!drag) return;
    const { height } = drag;
    drag = undefined;
    handle.classList.remove('pn-resize--active');
    options.commit(height);
  };
  handle.addEventListener('pointerup', end);
  handle.addEventListener('pointercancel', end);
  handle.addEventListener('dblclick', () => options.commit(undefined));
  handle.addEventListener('keydown', (e) => {
    const step = e.key === 'ArrowDown' ? KEY_STEP : e.key === 'ArrowUp' ? -KEY_STEP : 0;
    if (!step) return;
    e.preventDefault();
    const height = clamp(options.height() + step);
    apply(height);
    options.commit(height);
  });
  return handle;
}

/**
 * Says, for a moment, how to scroll the chart when the wheel turns over it
 * while it does not have focus (the notebook scrolls then).
 */
function wheelHint(stage: HTMLElement): HTMLElement {
  const hint = el('div', { className: 'pn-wheel-hint', text: 'Click the chart to scroll it', attrs: { 'aria-hidden': 'true', hidden: '' } });
  let timer: ReturnType<typeof setTimeout> | undefined;
  stage.addEventListener('wheel', (e) => {
    if (e.ctrlKey || e.metaKey || stage.matches(':focus-within')) return;
    hint.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(() => (hint.hidden = true), HINT_MS);
  }, { passive: true });
  stage.addEventListener('focusin', () => (hint.hidden = true));
  return hint;
}
