// Drives Prisma's schema engine (the WebAssembly build) from Node, so tests can ask
// "what SQL would make this database match schema.prisma?" without Prisma's native
// engine, which cannot be downloaded on these machines. This is an internal Prisma API:
// keep everything that depends on its shape in this file.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import * as runtime from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

const EMPTY_DIFF = '-- This is an empty migration.';
const NO_FILTERS = { externalTables: [], externalEnums: [] };
const CHAR_OID = 18;
const TEXT_OID = 25;

// The package's entry point imports the .wasm file as an ES module, which Node 20 cannot
// do, so the module is instantiated by hand. wasm-bindgen keeps one instance per process.
let runtimeReady: Promise<void> | undefined;

function loadRuntime(): Promise<void> {
  runtimeReady ??= (async () => {
    // Where the engine reports a panic (an internal error) before it aborts; without it the
    // report itself fails and the cause is lost.
    Object.assign(globalThis, {
      PRISMA_WASM_PANIC_REGISTRY: { set_message: (message: string) => console.error(`Prisma's schema engine panicked: ${message}`) },
    });
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const module = await WebAssembly.compile(await readFile(wasmPath));
    const instance = await WebAssembly.instantiate(module, {
      './schema_engine_bg.js': runtime as unknown as WebAssembly.ModuleImports,
    });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return runtimeReady;
}

interface QueryResultLike {
  fields: { dataTypeID: number }[];
  rows: unknown[];
}

// @prisma/adapter-pg 7.10 serves Prisma Client well but not all of the schema engine's
// catalogue queries: they return PostgreSQL's internal `"char"` type (OID 18, e.g.
// pg_constraint.contype, which PostgreSQL 18 fills for NOT NULL constraints too), and the
// adapter refuses that type. So the column passes the adapter labelled as text and reaches
// the engine typed as the single character it is.
class SchemaEnginePg extends PrismaPg {
  private readonly adapters: { dispose(): Promise<void> }[] = [];

  override async connect() {
    const adapter = await super.connect();
    this.adapters.push(adapter);
    // Keyed by the rows array, which queryRaw passes through unchanged.
    const charColumns = new WeakMap<unknown[], number[]>();
    const target = adapter as unknown as { performIO: (query: unknown) => Promise<QueryResultLike> };
    const performIO = target.performIO.bind(adapter);
    target.performIO = async (query) => {
      const result = await performIO(query);
      const columns = result.fields.flatMap((field, index) => (field.dataTypeID === CHAR_OID ? [index] : []));
      for (const index of columns) result.fields[index]!.dataTypeID = TEXT_OID;
      charColumns.set(result.rows, columns);
      return result;
    };
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (query) => {
      const resultSet = await queryRaw(query);
      for (const index of charColumns.get(resultSet.rows) ?? []) resultSet.columnTypes[index] = ColumnTypeEnum.Character;
      return resultSet;
    };
    return adapter;
  }

  /** Closes the connection pools the engine opened (it does not close them itself). */
  async dispose(): Promise<void> {
    await Promise.all(this.adapters.map((adapter) => adapter.dispose()));
  }
}

/**
 * The SQL that would bring the live database at `databaseUrl` to `schema`, or `null`
 * when they already agree. Prisma's own `_prisma_migrations` table is not part of the diff.
 */
export async function sqlToReachSchema(databaseUrl: string, schema: string): Promise<string | null> {
  await loadRuntime();
  const factory = new SchemaEnginePg({ connectionString: databaseUrl });
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = (await runtime.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter)) as SchemaEngine;
  try {
    const files = [{ path: 'schema.prisma', content: schema }];
    const result = await engine.diff({
      // With a driver adapter, "the schema's datasource" is the database the adapter reaches.
      from: { tag: 'schemaDatasource', files, configDir: process.cwd() },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = (result.stdout ?? '').trim();
    return sql === '' || sql === EMPTY_DIFF ? null : sql;
  } finally {
    engine.free();
    await factory.dispose();
  }
}
