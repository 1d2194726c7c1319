// A data folder with one plan and N proctors, each with an open sign-in, and their tokens: for
// benches that run many tablets against a real server process.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/server/store';
import { TokenSigner } from '../src/server/auth';
import { Sessions } from '../src/server/sessions';

export const FLEET_PLAN = 'fleet-plan';

export async function prepareFleet(tablets: number): Promise<{ dataDir: string; secret: string; tokens: string[] }> {
	const secret = 'fleet-bench-secret-fleet-bench-secret';
	const dataDir = mkdtempSync(join(tmpdir(), 'kaowu-fleet-'));
	const store = new SqliteStore(dataDir);
	await store.upsertOrganisation({
		id: 'inst-fleet',
		kind: 'institution',
		name: '测试机构',
		district: '渝中区',
		code: '0001'
	});
	await store.insertPlan({
		id: FLEET_PLAN,
		institutionId: 'inst-fleet',
		district: '渝中区',
		examDate: '2027-01-16',
		createdAt: new Date().toISOString()
	});
	for (let i = 0; i < tablets; i++)
		await store.insertUser({
			id: `u-fleet-${i}`,
			username: `fleet${i}`,
			displayName: `平板${i}`,
			role: 'proctor',
			organisationId: 'inst-fleet',
			passwordHash: 'x',
			isDisabled: false,
			createdAt: new Date().toISOString()
		});
	await store.setPlanAccess(
		FLEET_PLAN,
		Array.from({ length: tablets }, (_, i) => `u-fleet-${i}`)
	);
	const sessions = new Sessions(store);
	const signer = new TokenSigner(secret, 3600);
	const tokens: string[] = [];
	for (let i = 0; i < tablets; i++) {
		const sid = (await sessions.open(`u-fleet-${i}`, 'bench tablet')).id;
		const { token } = await signer.sign({
			sub: `u-fleet-${i}`,
			role: 'proctor',
			org: 'inst-fleet',
			name: `平板${i}`,
			sid,
			ver: await sessions.tokenVersion(`u-fleet-${i}`)
		});
		tokens.push(token);
	}
	await store.close();
	return { dataDir, secret, tokens };
}

/** An attendance entry as a proctor's tablet writes it (about 300 bytes of JSON). */
export function fleetEntry(tablet: number, n: number) {
	const id = `e-${tablet}-${n.toString(36)}-${String(n).padStart(6, '0')}`;
	return {
		v: 1,
		id,
		kind: 'attendance',
		at: '2027-01-16T09:02:00.000+08:00',
		hlc: `${String(1800000000000 + n).padStart(15, '0')}:000000:dev-${tablet}`,
		author: `u-fleet-${tablet}`,
		deviceId: `dev-${tablet}`,
		planId: FLEET_PLAN,
		candidateId: `c${String((n % 120) + 1).padStart(4, '0')}`,
		scope: 'r101',
		data: { state: 'present', sessionId: 's-theory-r101', time: '09:02' }
	};
}
