import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded default database: PGlite (PostgreSQL compiled to WASM) served on loopback through
 * pglite-socket, so MikroORM talks to it as to any PostgreSQL. PGlite has one backend: the server takes one
 * connection (maxConnections 1) and storage connects with a pool of one. While a transaction is open every
 * other query waits, so code must never hold a transaction while it waits for a second connection; it would
 * wait forever (it shows as a KnexTimeoutError after 60 s).
 */
export interface EmbeddedDatabase {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  /** Where the data is: `<dataDir>/pglite`, or `memory://`. */
  readonly dataDir: string;
  stop(): Promise<void>;
}

export const MEMORY = 'memory://';

export async function startEmbedded(dataDir: string): Promise<EmbeddedDatabase> {
  const where = dataDir === MEMORY ? MEMORY : join(dataDir, 'pglite');
  if (where !== MEMORY) await mkdir(where, { recursive: true });
  const db = await PGlite.create(where);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  try {
    await server.start();
  } catch (e) {
    await db.close();
    throw e;
  }
  const [host, port] = server.getServerConn().split(':');
  let stopped = false;
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    dataDir: where,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await server.stop();
      } finally {
        await db.close();
      }
    },
  };
}
