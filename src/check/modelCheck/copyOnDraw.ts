/** A node's random stream as a handler sees it in the model checker. */
import type { Random } from '../../engine/model/random';

/** Draws from a copy of a node's stream, made on the first draw, so a handler that draws nothing costs no copy. */
export class CopyOnDraw {
  copy: Random | undefined;
  base: Random | undefined;
  /** Set under symmetry reduction: interchangeable nodes must not have their own random streams. */
  forbidden = false;
  /** Points at a node's stream before a handler call. */
  reset(base: Random): void {
    this.base = base;
    this.copy = undefined;
  }
  private stream(): Random {
    if (this.forbidden) throw new Error('check() with symmetry: true needs nodes that do not draw random numbers (ctx.random, randomInt, pick): each node\'s stream would tell interchangeable nodes apart');
    return (this.copy ??= (this.base as Random).clone());
  }
  next(): number {
    return this.stream().next();
  }
  int(min: number, max: number): number {
    return this.stream().int(min, max);
  }
  chance(p: number): boolean {
    return this.stream().chance(p);
  }
}
