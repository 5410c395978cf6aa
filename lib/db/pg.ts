import { PrismaPg } from "@prisma/adapter-pg";

/**
 * Prisma's pg driver adapter, with the fix for Prisma issue 27403.
 *
 * @prisma/adapter-pg 6.19 cannot read columns of PostgreSQL's catalog types `name` (OID
 * 19) and `"char"` (OID 18): "Column type 'name' could not be deserialized". The app's own
 * queries never return them, but `prisma migrate deploy` reads the catalog and fails. Both
 * types arrive as plain text, so reporting them as `text` (OID 25) is exact. The patch goes
 * on the adapter's shared query method (used by plain queries and transactions alike) the
 * first time an adapter connects, and throws if the adapter's internals have changed.
 */
const TEXT_OID = 25;
const CATALOG_TEXT_OIDS = new Set([18, 19]);
const PATCHED = Symbol.for("loomstack.pgCatalogTypes");

type Field = { dataTypeID: number };
type TxLike = { commit?: unknown; cleanup?: () => void; client?: { release?: (error?: unknown) => void } };

/**
 * The second fix (same Prisma version): when COMMIT itself fails, as it does on PostgreSQL
 * when a SERIALIZABLE transaction loses a conflict (SQLSTATE 40001), Prisma's transaction
 * manager skips the adapter's `commit()`, which is what returns the connection to the pool.
 * Each such conflict would leak a connection until the pool is exhausted and every query
 * waits forever. So a transaction whose COMMIT or ROLLBACK fails gives its connection back
 * here (destroying it unless the failure was a clean serialization abort).
 */
function releaseAfterFailedClose(self: TxLike, query: unknown, error: unknown) {
  const sql = (query as { sql?: string } | null)?.sql?.trim().toUpperCase();
  if ((sql !== "COMMIT" && sql !== "ROLLBACK") || typeof self.commit !== "function" || !self.client?.release) return;
  const code = (error as { cause?: { originalCode?: string } })?.cause?.originalCode;
  try {
    self.cleanup?.();
    self.client.release(code === "40001" || code === "40P01" ? undefined : error);
  } catch {
    // already released
  }
}
type PerformIO = (query: unknown) => Promise<{ fields: Field[] } & Record<string, unknown>>;

function patchCatalogTypes(adapter: object) {
  // PrismaPgAdapter -> PgQueryable.prototype, which holds performIO for every queryable.
  let proto = Object.getPrototypeOf(adapter) as Record<string | symbol, unknown> | null;
  while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto || typeof proto.performIO !== "function") {
    throw new Error("@prisma/adapter-pg changed: cannot map catalog column types (see lib/db/pg.ts).");
  }
  if (proto[PATCHED]) return;
  const performIO = proto.performIO as PerformIO;
  proto.performIO = async function (this: TxLike, query: unknown) {
    let result;
    try {
      result = await performIO.call(this, query);
    } catch (error) {
      releaseAfterFailedClose(this, query, error);
      throw error;
    }
    for (const field of result?.fields ?? []) {
      if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
    return result;
  };
  proto[PATCHED] = true;
}

export type PgAdapterOptions = {
  /** Connections this process may hold (each app server has its own pool). */
  max?: number;
  /** How long an idle connection stays open; keep it short for CLI commands. */
  idleTimeoutMillis?: number;
};

/**
 * Pool settings from the URL: `postgres://user:pass@host:port/db?connection_limit=…` is
 * Prisma's classic spelling, also honoured here (`pg` ignores unknown parameters).
 */
export function pgPoolConfig(url: string, options: PgAdapterOptions = {}) {
  const parsed = new URL(url);
  const fromUrl = Number(parsed.searchParams.get("connection_limit"));
  const max = options.max ?? (Number.isInteger(fromUrl) && fromUrl > 0 ? fromUrl : Number(process.env.DATABASE_POOL_MAX) || 10);
  return {
    host: decodeURIComponent(parsed.hostname) || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || undefined,
    ssl: /^(require|verify-ca|verify-full)$/.test(parsed.searchParams.get("sslmode") ?? "")
      ? { rejectUnauthorized: parsed.searchParams.get("sslmode") !== "require" }
      : undefined,
    max,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
    // Fail a request rather than queue forever when the database cannot be reached.
    connectionTimeoutMillis: 10_000,
  };
}

/** A ?schema= in the URL (Prisma's convention): models and raw queries both go there. */
function searchPath(schema: string | undefined): { options?: string } {
  return schema ? { options: `-c search_path="${schema.replace(/"/g, '""')}"` } : {};
}

/** One connection's settings (pg.Client) for a postgres:// URL, the app's pool's without the pool. */
export function pgConnectionConfig(url: string) {
  const { host, port, user, password, database, ssl, connectionTimeoutMillis } = pgPoolConfig(url);
  return { host, port, user, password, database, ssl, connectionTimeoutMillis, ...searchPath(new URL(url).searchParams.get("schema") ?? undefined) };
}

/**
 * The adapter for a postgres:// URL. Separate host/port/user/password/database fields (not
 * a connectionString) so `migrate dev`-style shadow databases get their own name.
 */
export function createPgAdapter(url: string, options: PgAdapterOptions = {}): PrismaPg {
  const schema = new URL(url).searchParams.get("schema") ?? undefined;
  const factory = new PrismaPg({ ...pgPoolConfig(url, options), ...searchPath(schema) }, schema ? { schema } : undefined);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    patchCatalogTypes(adapter);
    return adapter;
  };
  return factory;
}
