/** The first `count` of `items` in the order of `order` (ties in their order), picked in one pass without sorting
 * them all: a portfolio of 100,000 vendors has as many provider groups; a chart lists a few. */
export function firstOf<T>(items: Iterable<T>, count: number, order: (a: T, b: T) => number): T[] {
  const first: T[] = [];
  for (const item of items) {
    if (first.length === count && order(item, first[count - 1]!) >= 0) continue;
    let at = first.length;
    while (at > 0 && order(item, first[at - 1]!) < 0) at--;
    first.splice(at, 0, item);
    if (first.length > count) first.pop();
  }
  return first;
}
