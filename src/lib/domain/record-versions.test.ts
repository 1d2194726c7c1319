import { describe, expect, it } from 'vitest';
import { readRecord } from './record-versions';
import { CONFIG_MAPS, PLAN_MAPS, REGISTRY_MAPS, groupV1toV2 } from './record-schemas';
import { checkEntry, ENTRY_DATA_SCHEMAS, ofKind, type Entry } from './entries';
import { groupV1, noteEntry } from './record-versions.fixtures';

describe('record versions', () => {
	it('every record type can be brought up from version 1 to the version this app writes', () => {
		for (const maps of [PLAN_MAPS, REGISTRY_MAPS, CONFIG_MAPS])
			for (const [name, type] of Object.entries(maps)) {
				expect(type.version, name).toBeGreaterThanOrEqual(1);
				for (let n = 1; n < type.version; n++) expect(type.up[n], `${name}: ${n} → ${n + 1}`).toBeTypeOf('function');
			}
	});

	it('a v1 group is read as v2: the stations it declared undeclared are kept, without them one at a time', () => {
		const withStations = readRecord(PLAN_MAPS.groups, { ...groupV1, parallel: 6 });
		expect(withStations).toEqual({ status: 'ok', value: { ...groupV1, v: 2, parallel: 6 }, writtenAs: 1 });
		const without = readRecord(PLAN_MAPS.groups, groupV1);
		expect(without).toEqual({ status: 'ok', value: { ...groupV1, v: 2, parallel: 1 }, writtenAs: 1 });
		expect(groupV1toV2({ ...groupV1, parallel: -3 }).parallel).toBe(1);
		// A v2 group is read as it is and must declare its stations.
		expect(readRecord(PLAN_MAPS.groups, { ...groupV1, v: 2, parallel: 4 }).status).toBe('ok');
		expect(readRecord(PLAN_MAPS.groups, { ...groupV1, v: 2 }).status).toBe('invalid');
	});

	it('a record of a newer version is kept aside as newer, not as invalid', () => {
		expect(readRecord(PLAN_MAPS.groups, { ...groupV1, v: 3, somethingNew: true })).toEqual({
			status: 'newer',
			version: 3
		});
		expect(readRecord(PLAN_MAPS.candidates, { v: 2, id: 'c1' })).toEqual({ status: 'newer', version: 2 });
		expect(readRecord(PLAN_MAPS.candidates, { id: 'c1' }).status).toBe('invalid');
		expect(readRecord(PLAN_MAPS.candidates, { v: 0, id: 'c1' }).status).toBe('invalid');
	});

	it('schemas are strict: a field the version does not declare is refused', () => {
		const candidate = {
			v: 1,
			id: 'c1',
			name: '张三',
			idType: 'resident-id',
			idNumber: '500101199001011234',
			occupationId: 'hr-manager',
			level: 3,
			eligibility: { status: 'pending' }
		};
		expect(readRecord(PLAN_MAPS.candidates, candidate).status).toBe('ok');
		expect(readRecord(PLAN_MAPS.candidates, { ...candidate, nickname: '小张' }).status).toBe('invalid');
		expect(readRecord(PLAN_MAPS.candidates, { ...candidate, eligibility: { status: 'pending', x: 1 } }).status).toBe(
			'invalid'
		);
		// carriedOver was written undeclared by the past demo plan; it is declared now.
		const carried = [{ subject: 'theory', score: 72, fromSitting: '2026-10-17' }];
		expect(readRecord(PLAN_MAPS.candidates, { ...candidate, carriedOver: carried })).toMatchObject({
			status: 'ok',
			value: { carriedOver: carried }
		});
		expect(checkEntry(noteEntry({ extra: 1 })).status).toBe('invalid');
	});

	it('an entry of a newer version or an unknown kind is newer, kept apart from violations', () => {
		expect(checkEntry(noteEntry()).status).toBe('ok');
		expect(checkEntry(noteEntry({ v: 2, data: { text: 'x', mood: 'calm' } }))).toEqual({
			status: 'newer',
			version: 2,
			kind: 'note'
		});
		expect(checkEntry(noteEntry({ kind: 'weather', data: { sky: 'clear' } }))).toEqual({
			status: 'newer',
			version: 1,
			kind: 'weather'
		});
		expect(checkEntry(noteEntry({ v: 'two' })).status).toBe('invalid');
		// Whatever its version, a value without a kind is no entry: a violation.
		expect(checkEntry({ v: 2, junk: 1 }).status).toBe('invalid');
	});

	it('every kind’s data is strict: a field the kind does not declare is refused', () => {
		for (const [kind, schema] of Object.entries(ENTRY_DATA_SCHEMAS)) {
			const read = schema.safeParse({ undeclared: 1 });
			expect(read.success, kind).toBe(false);
			expect(
				read.error?.issues.map((i) => i.code),
				kind
			).toContain('unrecognized_keys');
		}
		const attendance = { kind: 'attendance', data: { state: 'present', sessionId: 's1', time: '09:00' } };
		expect(checkEntry(noteEntry(attendance)).status).toBe('ok');
		expect(checkEntry(noteEntry({ ...attendance, data: { ...attendance.data, mood: 'calm' } })).status).toBe('invalid');
		// Another kind's data under this kind is refused: the kind decides the data's schema.
		expect(checkEntry(noteEntry({ kind: 'attendance' })).status).toBe('invalid');
		const moved = { sessionId: 's1', roomId: 'r1', to: { row: 0, col: 1 }, reason: '电脑故障' };
		expect(checkEntry(noteEntry({ kind: 'seat-change', data: moved })).status).toBe('ok');
		const nested = { ...moved, to: { row: 0, col: 1, floor: 2 } };
		expect(checkEntry(noteEntry({ kind: 'seat-change', data: nested })).status).toBe('invalid');
	});

	it('the kind types the data: ofKind gives entries of that kind only', () => {
		const read = [
			noteEntry(),
			noteEntry({ id: 'e-att-00001', kind: 'attendance', data: { state: 'absent', sessionId: 's1', time: '09:00' } })
		]
			.map((v) => checkEntry(v))
			.flatMap((c) => (c.status === 'ok' ? [c.entry] : [])) satisfies Entry[];
		const states = ofKind(read, 'attendance').map((e) => e.data.state);
		expect(states).toEqual(['absent']);
		expect(ofKind(read, 'note').map((e) => e.data.text)).toEqual(['考生迟到 5 分钟']);
	});
});
