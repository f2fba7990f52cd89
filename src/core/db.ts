import { PGlite, type Results } from '@electric-sql/pglite';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type Transaction,
} from 'kysely';
import pg from 'pg';

/**
 * The tables of every module are declared in the module's schema.ts; code sees them through
 * `db.withTables<ModuleTables>()`. Core's own tables are in CoreTables (see core/schema.ts).
 */
export type Db<T = unknown> = Kysely<T>;
export type Tx<T = unknown> = Transaction<T>;

export interface Database {
  db: Kysely<unknown>;
  mode: 'embedded' | 'server';
  /** Embedded mode only: the PGlite instance (dump/restore in tests). */
  pglite?: PGlite;
  close(): Promise<void>;
}

/**
 * PGlite is one Postgres session. Kysely takes a connection per query and keeps one for the whole
 * of a transaction, so handing out the single session under a lock keeps concurrent requests from
 * running their statements inside each other's transactions (kysely-pglite does not do this).
 */
class PGliteDriver implements Driver {
  #tail: Promise<void> = Promise.resolve();
  readonly #connection: DatabaseConnection;

  constructor(private readonly client: PGlite) {
    this.#connection = {
      executeQuery: async <R>(q: CompiledQuery): Promise<QueryResult<R>> => {
        // Without parameters use the simple protocol, which (like node-postgres) allows several
        // statements in one text: migrations are written that way.
        const res =
          q.parameters.length === 0
            ? ((await client.exec(q.sql)).at(-1) as Results<R>)
            : await client.query<R>(q.sql, [...q.parameters]);
        return res.affectedRows !== undefined && !/^\s*select/i.test(q.sql)
          ? { rows: res.rows, numAffectedRows: BigInt(res.affectedRows) }
          : { rows: res.rows };
      },
      streamQuery: () => {
        throw new Error('streaming is not supported on the embedded database');
      },
    };
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => turn);
    await previous;
    this.#release = release;
    return this.#connection;
  }

  #release: (() => void) | undefined;

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async beginTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    await this.client.close();
  }
}

function pgliteDialect(client: PGlite): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PGliteDriver(client),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

// bigint (int8) and numeric come back as strings from node-postgres; PGlite returns JS numbers for
// int8 within range. Parse int8 to number in both so that code sees one type.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openEmbedded(dir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  const client = await PGlite.create(dir, loadDataDir ? { loadDataDir } : {});
  const db = new Kysely<unknown>({ dialect: pgliteDialect(client) });
  return { db, mode: 'embedded', pglite: client, close: () => db.destroy() };
}

export async function openServer(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection ended by the server (restart, pg_terminate_backend) must not end the
  // process: the pool drops it and opens another on the next query.
  pool.on('error', (err) => console.error(`PostgreSQL pool: idle connection lost: ${err.message}`));
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  return { db, mode: 'server', close: () => db.destroy() };
}
