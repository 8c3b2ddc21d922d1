/** A deterministic random generator for the benchmarks, so runs compare. */
export function seededRandom(seed = 42) {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(list: readonly T[]) =>
    list[Math.floor(random() * list.length)];
  return { random, pick };
}
