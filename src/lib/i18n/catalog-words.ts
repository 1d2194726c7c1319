// The catalogue's fixed words — levels, subject kinds, answer modes — in the reader's language.
// The domain keeps the Chinese names (LEVEL_NAMES, SUBJECT_NAMES, MODE_NAMES in catalog.ts) for
// exports, print-outs bound to the notice's wording and the server; screens word them here.
// Occupation names are the catalogue's data (the centre keeps them), shown as written.
import type { Level, SubjectKind, SubjectMode } from '$lib/domain/catalog';
import { t } from './i18n.svelte';

export function levelName(level: Level): string {
	return t(`catalog.level.${level}`);
}

export function subjectName(kind: SubjectKind): string {
	return t(`catalog.subject.${kind}`);
}

export function modeName(mode: SubjectMode): string {
	return t(`catalog.mode.${mode}`);
}

/** "企业人力资源管理师 三级/高级工" / "企业人力资源管理师, Level 3 (senior worker)". */
export function occupationLevel(occupation: string, level: Level): string {
	return t('catalog.occupationLevel', { occupation, level: levelName(level) });
}

export function subjectWithMode(kind: SubjectKind, mode: SubjectMode): string {
	return t('catalog.subjectMode', { subject: subjectName(kind), mode: modeName(mode) });
}

/** A level where a column is narrow: 「三级」 / "L3". */
export function levelShort(level: Level): string {
	return t(`catalog.levelShort.${level}`);
}
