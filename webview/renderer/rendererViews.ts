/**
 * Where each chart under a cell was left (its height, scroll, zoom, filters,
 * selection), kept in the renderer's state by output id, so that an output
 * drawn again (the notebook hidden and shown, the window reloaded) comes
 * back as it was. Only the most recent outputs are kept.
 */
import type { RendererContext } from 'vscode-notebook-renderer';
import type { ChartViewState } from '../../src/common/chartMessages';

const KEEP = 50;

interface SavedViews {
  charts?: [string, ChartViewState][];
}

export class RendererViews {
  constructor(private readonly context: Pick<RendererContext<unknown>, 'getState' | 'setState'>) {}

  load(outputId: string): ChartViewState | undefined {
    return this.saved().find(([id]) => id === outputId)?.[1];
  }

  save(outputId: string, view: ChartViewState): void {
    const charts = this.saved().filter(([id]) => id !== outputId);
    charts.push([outputId, view]);
    this.context.setState({ charts: charts.slice(-KEEP) } satisfies SavedViews);
  }

  private saved(): [string, ChartViewState][] {
    const state = this.context.getState() as SavedViews | undefined;
    return Array.isArray(state?.charts) ? state.charts : [];
  }
}
