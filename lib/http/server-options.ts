/** How server.ts was asked to run: `--dev`, `-p/--port` (or PORT), `-H/--hostname` (or HOST). */
export type ServerOptions = { dev: boolean; port: number; hostname?: string };

export function serverOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServerOptions {
  let port = env.PORT?.trim() || "3000";
  let hostname = env.HOST?.trim() || undefined;
  let dev = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--dev") dev = true;
    else if (a === "-p" || a === "--port") port = argv[++i] ?? "";
    else if (a.startsWith("--port=")) port = a.slice("--port=".length);
    else if (a === "-H" || a === "--hostname") hostname = argv[++i];
    else if (a.startsWith("--hostname=")) hostname = a.slice("--hostname=".length);
    else throw new Error(`Unknown option ${a}. Use --dev, -p PORT, -H HOSTNAME.`);
  }
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error(`Not a port number: "${port}".`);
  return { dev, port: Number(port), hostname: hostname || undefined };
}
