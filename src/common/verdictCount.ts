/** How many of a run's properties held, in words: shared by the chart's headline and the cell's text summary. */

/** "2 of 3 properties violated", "1 of 1 property violated", "all 3 properties hold", "the property holds"; empty without properties. */
export function propertiesText(count: number, failed: number): string {
  if (count === 0) return '';
  if (failed) return `${failed} of ${count} ${count === 1 ? 'property' : 'properties'} violated`;
  return count === 1 ? 'the property holds' : `all ${count} properties hold`;
}
