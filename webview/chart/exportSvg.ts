/**
 * The chart as a standalone SVG document, drawn from the same scene geometry
 * as the canvas and coloured with the theme in effect when it was exported.
 * All text is escaped. Big traces export the rows around the current view.
 */
import { HEADER_HEIGHT } from './chartLayout';
import { LOSS_REASON_TEXT } from './chartModel';
import type { ArrowGeometry, ChartScene, MarkGeometry } from './chartScene';
import { messageColor, type ChartTheme } from './chartTheme';
import { markLabel } from './markLabel';
import { WITNESS_BADGE, witnessBadges } from './idempotencyWitnessMarks';

/** More elements than this make an SVG that editors and browsers choke on. */
export const SVG_ELEMENT_LIMIT = 6000;

export function exportSvg(scene: ChartScene, theme: ChartTheme, rows?: { top: number; bottom: number }): string {
  const { layout, model } = scene;
  let top = rows?.top ?? HEADER_HEIGHT;
  let bottom = rows?.bottom ?? layout.contentHeight;
  const arrows: ArrowGeometry[] = [];
  const marks: MarkGeometry[] = [];
  scene.arrowsIn(top, bottom, (g) => arrows.push(g));
  scene.marksIn(top, bottom, (g) => marks.push(g));
  if (arrows.length + marks.length > SVG_ELEMENT_LIMIT) {
    // Keep the first rows of the window, enough to stay under the limit.
    const ys = [...arrows.map((a) => a.y1), ...marks.map((m) => m.y)].sort((a, b) => a - b);
    bottom = ys[SVG_ELEMENT_LIMIT - 1]!;
    arrows.splice(0, arrows.length);
    marks.splice(0, marks.length);
    scene.arrowsIn(top, bottom, (g) => g.y1 <= bottom && arrows.push(g));
    scene.marksIn(top, bottom, (g) => marks.push(g));
  }
  top = Math.max(HEADER_HEIGHT, top);
  const shift = top - HEADER_HEIGHT - 10;
  const height = bottom - shift + 20;
  const width = layout.contentWidth;
  const out: string[] = [];
  const font = `font-family="${attr(theme.font)}" font-size="${theme.fontSize - 2}"`;
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${round(height)}" viewBox="0 0 ${width} ${round(height)}" ${font}>`);
  out.push(`<title>${esc(`Protocol Notebook run, seed ${model.trace.seed}`)}</title>`);
  out.push(`<rect width="100%" height="100%" fill="${attr(theme.background)}"/>`);
  out.push(`<g transform="translate(0 ${round(-shift)})">`);
  for (const band of scene.bandsIn(top, bottom)) {
    for (const lane of band.lanes)
      out.push(`<rect class="partition" x="${round(lane.x)}" y="${round(band.y1)}" width="${round(lane.width)}" height="${round(band.y2 - band.y1)}" fill="${attr(theme.partition)}" fill-opacity="0.13" stroke="${attr(theme.partition)}" stroke-dasharray="5 4"/>`);
    const first = band.lanes[0]!;
    out.push(`<text x="${round(first.x + 6)}" y="${round(band.y1 + 14)}" fill="${attr(theme.partition)}">${esc(band.band.label)}</text>`);
  }
  for (const lane of model.lanes) {
    const x = layout.laneX(lane.index);
    if (x === undefined) continue;
    out.push(`<line class="lifeline" x1="${round(x)}" y1="${round(top)}" x2="${round(x)}" y2="${round(bottom)}" stroke="${attr(theme.lifeline)}"/>`);
  }
  for (const g of arrows) {
    const { fate } = g.arrow;
    const color = fate === 'lost' ? theme.lost : fate === 'duplicate' ? theme.duplicate : fate === 'in-flight' ? theme.muted : messageColor(theme, g.arrow.msg.type);
    const dash = fate === 'lost' ? ' stroke-dasharray="6 4"' : fate === 'duplicate' ? ' stroke-dasharray="2 3"' : fate === 'in-flight' ? ' stroke-dasharray="2 6"' : '';
    out.push(`<g class="message ${fate}" data-msg="${g.arrow.msg.id}"><line x1="${round(g.x1)}" y1="${round(g.y1)}" x2="${round(g.x2)}" y2="${round(g.y2)}" stroke="${attr(color)}" stroke-width="1.4"${dash}/>`);
    if (fate === 'lost') {
      out.push(`<path d="M${round(g.x2 - 6)} ${round(g.y2 - 6)}L${round(g.x2 + 6)} ${round(g.y2 + 6)}M${round(g.x2 + 6)} ${round(g.y2 - 6)}L${round(g.x2 - 6)} ${round(g.y2 + 6)}" stroke="${attr(color)}" stroke-width="2.5"/>`);
      out.push(`<text x="${round(g.x2 + 10)}" y="${round(g.y2 + 4)}" fill="${attr(color)}">${esc(LOSS_REASON_TEXT[g.arrow.reason ?? 'loss'])}</text>`);
    } else if (fate !== 'in-flight') {
      const angle = Math.atan2(g.y2 - g.y1, g.x2 - g.x1);
      const p = (a: number) => `${round(g.x2 - 9 * Math.cos(angle + a))} ${round(g.y2 - 9 * Math.sin(angle + a))}`;
      out.push(`<path d="M${round(g.x2)} ${round(g.y2)}L${p(-0.4)}L${p(0.4)}Z" fill="${attr(color)}"/>`);
    }
    out.push(`<text x="${round((g.x1 + g.x2) / 2)}" y="${round((g.y1 + g.y2) / 2 - 5)}" text-anchor="middle" fill="${attr(theme.foreground)}">${esc(fate === 'duplicate' ? `${g.arrow.msg.type} (duplicate)` : g.arrow.msg.type)}</text></g>`);
  }
  for (const g of marks) {
    const label = markLabel(g.mark.event);
    const color = g.mark.kind === 'violation' ? theme.violation : g.mark.kind === 'crash' ? theme.crash : g.mark.kind === 'recover' ? theme.recover : g.mark.kind.startsWith('timer') ? theme.timer : g.mark.kind === 'effect' ? theme.effect : theme.muted;
    out.push(`<g class="mark ${g.mark.kind}"><circle cx="${round(g.x)}" cy="${round(g.y)}" r="${g.mark.kind === 'violation' ? 8 : 5}" fill="${attr(color)}"/>`);
    if (label) out.push(`<text x="${round(g.x + 12)}" y="${round(g.y + 4)}" fill="${attr(color)}">${esc(label)}</text>`);
    out.push('</g>');
  }
  // No canvas to measure text here: an average glyph is about 0.6 em wide.
  const badgeFontSize = theme.fontSize - 3;
  for (const badge of witnessBadges(scene, top, bottom, (text) => text.length * badgeFontSize * 0.6)) {
    out.push(`<g class="witness"><rect x="${round(badge.left)}" y="${round(badge.top)}" width="${round(badge.width)}" height="${badge.height}" rx="${badge.height / 2}" fill="${attr(theme.duplicate)}" stroke="${attr(theme.background)}"/>`);
    out.push(`<text x="${round(badge.left + 5)}" y="${round(badge.middle + 4)}" font-size="${badgeFontSize}" font-weight="600" fill="${attr(theme.background)}">${esc(WITNESS_BADGE)}</text></g>`);
  }
  out.push('</g>');
  out.push(`<rect width="${width}" height="${HEADER_HEIGHT}" fill="${attr(theme.headerBackground)}"/>`);
  for (const lane of model.lanes) {
    const x = layout.laneX(lane.index);
    if (x === undefined) continue;
    out.push(`<text class="node" x="${round(x)}" y="20" text-anchor="middle" font-weight="600" fill="${attr(theme.foreground)}">${esc(lane.id)}</text>`);
    if (lane.kind) out.push(`<text x="${round(x)}" y="36" text-anchor="middle" fill="${attr(theme.muted)}">${esc(lane.kind)}</text>`);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(text: string): string {
  return esc(text).replace(/"/g, '&quot;');
}
