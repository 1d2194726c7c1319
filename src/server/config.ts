// Server configuration from the environment, with the defaults a newcomer needs.
import { resolve } from 'node:path';
import { readClockSetting } from '../lib/domain/exam-clock';

export interface ServerConfig {
	port: number;
	host: string;
	dataDir: string;
	/** PostgreSQL (postgres://…) instead of the SQLite file in dataDir. */
	databaseUrl?: string;
	/** Redis (redis://…): several instances relay stored updates and revocations through it. */
	redisUrl?: string;
	isDemoEnabled: boolean;
	tokenLifetimeSeconds: number;
	/** False only for protocol tests that run the server without a built app. */
	isAppServed: boolean;
	/** Overrides "today" for the demo seed and deadlines in tests (ISO date). */
	today?: string;
	/** KAOWU_TODAY with a time: the exam clock starts there and runs on (exam-clock.ts). */
	clockOffsetMs?: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
	return {
		port: Number(env.PORT ?? 3000),
		host: env.HOST ?? '0.0.0.0',
		dataDir: resolve(env.KAOWU_DATA_DIR ?? './data'),
		databaseUrl: env.KAOWU_DATABASE_URL || undefined,
		redisUrl: env.KAOWU_REDIS_URL || undefined,
		isDemoEnabled: env.KAOWU_DEMO !== '0',
		tokenLifetimeSeconds: env.KAOWU_TOKEN_SECONDS
			? Number(env.KAOWU_TOKEN_SECONDS)
			: Number(env.KAOWU_TOKEN_HOURS ?? 24) * 3600,
		isAppServed: env.KAOWU_NO_APP !== '1',
		...clockFromEnv(env.KAOWU_TODAY)
	};
}

function clockFromEnv(value: string | undefined): Pick<ServerConfig, 'today' | 'clockOffsetMs'> {
	const setting = readClockSetting(value, Date.now());
	return {
		...(setting.today ? { today: setting.today } : {}),
		...(setting.offsetMs !== undefined ? { clockOffsetMs: setting.offsetMs } : {})
	};
}
