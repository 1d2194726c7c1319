// Test fixtures for the record-version tests (domain and document reads): a version 1 group and a
// valid note entry. Not used by the app.
import { formatHlc } from './hlc';

export const groupV1 = {
	v: 1,
	id: 'g1',
	kind: 'skill',
	name: '第1组',
	sessionId: 's1',
	occupationId: 'health-caregiver',
	level: 4,
	candidateIds: ['c1', 'c2'],
	rubricId: 'rb'
};
export const noteEntry = (extra: Record<string, unknown> = {}) => ({
	v: 1,
	id: 'e-note-0001',
	kind: 'note',
	at: '2027-01-16T01:00:00.000Z',
	hlc: formatHlc({ wallMs: 1_800_000_000_000, counter: 0 }, 'd1'),
	author: 'u1',
	deviceId: 'd1',
	planId: 'p1',
	data: { text: '考生迟到 5 分钟' },
	...extra
});
