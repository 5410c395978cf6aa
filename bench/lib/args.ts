/** The `--name value` options of the benchmarks. */
export function cliOptions(argv = process.argv) {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i > 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number, min: number): number => {
    const value = Number(get(name) ?? fallback);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer >= ${min}`);
    return value;
  };
  const has = (name: string) => argv.includes(`--${name}`);
  return { get, int, has };
}
