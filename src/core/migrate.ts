import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';

export interface Migration {
  up(db: Kysely<unknown>): Promise<void>;
}

/**
 * Applies every pending migration in name order, each in its own transaction. Migration names
 * start with a four-digit number that is unique across core and all modules.
 */
export async function migrate(db: Kysely<unknown>, migrations: Record<string, Migration>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    // Each module numbers its own migrations; a module added later (or core's own later ones) may
    // sort before migrations already applied, and is still applied.
    allowUnorderedMigrations: true,
    provider: { getMigrations: async () => migrations },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
