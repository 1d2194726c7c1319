// The store's schema, described once and rendered for SQLite and PostgreSQL: each migration is a
// list of steps (a table, a column, an index); both stores apply the same list in the same order
// and remember how far they got (SQLite's user_version, PostgreSQL's kaowu_schema table).

export type ColumnType = 'text' | 'integer' | 'bytes' | 'serial';

export interface Column {
	name: string;
	type: ColumnType;
	isNullable?: boolean;
	/** A literal default: a number, or a string rendered as a quoted SQL string. */
	default?: number | string;
	isUnique?: boolean;
	references?: string;
}

export type Step =
	| { kind: 'table'; name: string; columns: Column[]; primaryKey: string[] }
	| { kind: 'index'; name: string; table: string; columns: string[]; isUnique?: boolean }
	| { kind: 'column'; table: string; column: Column };

const text = (name: string, extra: Partial<Column> = {}): Column => ({ name, type: 'text', ...extra });

/** Every migration, oldest first. Never change one that has shipped: add another. */
export const MIGRATIONS: Step[][] = [
	[
		{
			kind: 'table',
			name: 'organisations',
			columns: [
				text('id'),
				text('kind'),
				text('name'),
				text('district', { default: '' }),
				text('code', { default: '' })
			],
			primaryKey: ['id']
		},
		{
			kind: 'table',
			name: 'users',
			columns: [
				text('id'),
				text('username', { isUnique: true }),
				text('display_name'),
				text('role'),
				text('organisation_id', { references: 'organisations(id)' }),
				text('password_hash'),
				{ name: 'is_disabled', type: 'integer', default: 0 },
				text('created_at')
			],
			primaryKey: ['id']
		},
		{
			kind: 'table',
			name: 'plans',
			columns: [
				text('id'),
				text('institution_id', { references: 'organisations(id)' }),
				text('district'),
				text('exam_date'),
				text('created_at')
			],
			primaryKey: ['id']
		},
		{
			kind: 'table',
			name: 'plan_access',
			columns: [text('plan_id', { references: 'plans(id)' }), text('user_id', { references: 'users(id)' })],
			primaryKey: ['plan_id', 'user_id']
		},
		{
			kind: 'table',
			name: 'doc_updates',
			columns: [
				{ name: 'seq', type: 'serial' },
				text('doc'),
				{ name: 'update_bytes', type: 'bytes' },
				text('user_id', { isNullable: true }),
				text('received_at')
			],
			primaryKey: ['seq']
		},
		{ kind: 'index', name: 'doc_updates_doc', table: 'doc_updates', columns: ['doc', 'seq'] },
		{
			kind: 'table',
			name: 'doc_violations',
			columns: [text('doc'), text('path'), text('message'), text('seen_at')],
			primaryKey: ['doc', 'path']
		},
		{ kind: 'table', name: 'settings', columns: [text('key'), text('value')], primaryKey: ['key'] },
		{
			kind: 'table',
			name: 'entry_receipts',
			columns: [text('doc'), text('entry_id'), text('received_at')],
			primaryKey: ['doc', 'entry_id']
		}
	],
	// Sign-in sessions and the centre's records (created ad hoc by their modules before; an older
	// SQLite file may already hold them, so every step here is idempotent).
	[
		{ kind: 'column', table: 'users', column: { name: 'token_version', type: 'integer', default: 0 } },
		{
			kind: 'table',
			name: 'sessions',
			columns: [
				text('id'),
				text('user_id', { references: 'users(id)' }),
				text('device_label'),
				text('public_key', { default: '' }),
				text('created_at'),
				text('last_seen_at'),
				text('ended_at', { isNullable: true }),
				text('ended_reason', { isNullable: true })
			],
			primaryKey: ['id']
		},
		{ kind: 'index', name: 'sessions_user', table: 'sessions', columns: ['user_id'] },
		{
			kind: 'table',
			name: 'centre_records',
			columns: [text('kind'), text('id'), text('value'), text('updated_at'), text('updated_by', { isNullable: true })],
			primaryKey: ['kind', 'id']
		}
	],
	// Each update the server queues carries a key of its own: a write retried after its outcome was
	// lost (the connection died during COMMIT) stores nothing twice. Compacted rows have none.
	[
		{ kind: 'column', table: 'doc_updates', column: { name: 'update_key', type: 'text', isNullable: true } },
		{ kind: 'index', name: 'doc_updates_key', table: 'doc_updates', columns: ['update_key'], isUnique: true }
	]
];

export type Dialect = 'sqlite' | 'postgres';

function typeOf(type: ColumnType, dialect: Dialect): string {
	if (dialect === 'sqlite') return { text: 'TEXT', integer: 'INTEGER', bytes: 'BLOB', serial: 'INTEGER' }[type];
	return { text: 'TEXT', integer: 'INTEGER', bytes: 'BYTEA', serial: 'BIGINT GENERATED ALWAYS AS IDENTITY' }[type];
}

function columnSql(c: Column, dialect: Dialect, isSoleKey: boolean): string {
	const parts = [c.name, typeOf(c.type, dialect)];
	if (isSoleKey) parts.push(c.type === 'serial' && dialect === 'sqlite' ? 'PRIMARY KEY AUTOINCREMENT' : 'PRIMARY KEY');
	else if (!c.isNullable) parts.push('NOT NULL');
	if (c.isUnique) parts.push('UNIQUE');
	if (c.default !== undefined)
		parts.push(`DEFAULT ${typeof c.default === 'number' ? c.default : `'${c.default.replaceAll("'", "''")}'`}`);
	if (c.references) parts.push(`REFERENCES ${c.references}`);
	return parts.join(' ');
}

/**
 * The SQL of one step. `columnExists` answers for 'column' steps (SQLite has no ADD COLUMN IF NOT
 * EXISTS); tables and indexes are created only when missing.
 */
export function stepSql(
	step: Step,
	dialect: Dialect,
	columnExists: (table: string, column: string) => boolean
): string {
	switch (step.kind) {
		case 'table': {
			const isSole = step.primaryKey.length === 1;
			const columns = step.columns.map((c) => columnSql(c, dialect, isSole && step.primaryKey[0] === c.name));
			if (!isSole) columns.push(`PRIMARY KEY (${step.primaryKey.join(', ')})`);
			return `CREATE TABLE IF NOT EXISTS ${step.name} (${columns.join(', ')})`;
		}
		case 'index':
			return `CREATE ${step.isUnique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${step.name} ON ${step.table}(${step.columns.join(', ')})`;
		case 'column':
			if (dialect === 'postgres')
				return `ALTER TABLE ${step.table} ADD COLUMN IF NOT EXISTS ${columnSql(step.column, dialect, false)}`;
			if (columnExists(step.table, step.column.name)) return '';
			return `ALTER TABLE ${step.table} ADD COLUMN ${columnSql(step.column, dialect, false)}`;
	}
}
