/**
 * A closed set of values with the words people see for each, defined once: the label map lists the values in
 * order, and `valuesOf` gives them as the tuple `z.enum`, tabs and selects take.
 */
export function valuesOf<K extends string>(labels: Record<K, string>): readonly [K, ...K[]] {
  return Object.keys(labels) as [K, ...K[]];
}
