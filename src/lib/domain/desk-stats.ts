// Statistics for the centre and institutions: attendance, pass rates by occupation/level and by
// subject, score distribution, incidents. Pure over derived results and the reconciliation.
import { catalogFor, findOccupation, LEVEL_NAMES, SUBJECT_NAMES, type SubjectKind } from './catalog';
import type { Reconciliation } from './reconcile';
import type { CandidateResultRow } from './subject-results';

export interface Bar {
	label: string;
	value: number;
	total: number;
}

export interface DeskStats {
	candidates: number;
	sat: number;
	absentAll: number;
	passed: number;
	/** Results still 待定 (a score missing or an item open): left out of the pass rates. */
	pending: number;
	byOccupation: Bar[];
	bySubject: Bar[];
	/** Scores in tens: 0–9, 10–19, … 90–100. */
	distribution: Bar[];
	incidents: { label: string; value: number }[];
}

export function deskStats(rows: readonly CandidateResultRow[], rec: Reconciliation, examDate: string): DeskStats {
	const catalog = catalogFor(examDate);
	const occName = (id: string) => (catalog.ok ? findOccupation(catalog.catalog, id)?.name : undefined) ?? id;
	const groups = new Map<string, Bar>();
	const subjects = new Map<SubjectKind, Bar>();
	const buckets = Array.from({ length: 10 }, (_, i) => ({
		label: i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`,
		value: 0,
		total: 0
	}));
	let sat = 0;
	let passed = 0;
	let pending = 0;
	let absentAll = 0;
	for (const r of rows) {
		if (r.subjects.length && r.subjects.every((s) => s.status === 'absent')) absentAll++;
		if (r.subjects.some((s) => s.status === 'scored')) sat++;
		if (r.isPending) {
			pending++;
			continue;
		}
		const key = `${occName(r.candidate.occupationId)} ${LEVEL_NAMES[r.candidate.level].split('/')[0]}`;
		const bar = groups.get(key) ?? { label: key, value: 0, total: 0 };
		bar.total++;
		if (r.hasPassed) bar.value++;
		groups.set(key, bar);
		if (r.hasPassed) passed++;
		for (const s of r.subjects) {
			if (s.status === 'carried-over' || s.status === 'pending') continue;
			const sb = subjects.get(s.subject) ?? { label: SUBJECT_NAMES[s.subject], value: 0, total: 0 };
			sb.total++;
			if (s.isPassed) sb.value++;
			subjects.set(s.subject, sb);
			if (s.status === 'scored' && s.score !== undefined) buckets[Math.min(9, Math.floor(s.score / 10))].value++;
		}
	}
	const incidentCounts = new Map<string, number>();
	for (const i of rec.incidents) incidentCounts.set(i.data.category, (incidentCounts.get(i.data.category) ?? 0) + 1);
	const INCIDENT_NAMES: Record<string, string> = {
		violation: '违纪',
		emergency: '突发情况',
		equipment: '设备故障',
		other: '其他'
	};
	return {
		candidates: rows.length,
		sat,
		absentAll,
		passed,
		pending,
		byOccupation: [...groups.values()],
		bySubject: [...subjects.values()],
		distribution: buckets,
		incidents: [...incidentCounts].map(([k, v]) => ({ label: INCIDENT_NAMES[k] ?? k, value: v }))
	};
}
