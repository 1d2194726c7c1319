// A live, validated view of one plan document for the UI: re-read whenever the document changes
// (locally, from another tab or from the server).
import type { SyncedDoc } from '../sync/synced-doc';
import { readContent } from '../sync/records';
import type { Candidate, ExamSession, Group, PlanInfo, Room, StaffAssignment } from '../domain/records';

export class PlanView {
	isLoaded = $state(false);
	info = $state.raw<PlanInfo | null>(null);
	candidates = $state.raw<Candidate[]>([]);
	rooms = $state.raw<Room[]>([]);
	sessions = $state.raw<ExamSession[]>([]);
	staff = $state.raw<StaffAssignment[]>([]);
	groups = $state.raw<Group[]>([]);
	private off: () => void;

	constructor(private readonly synced: SyncedDoc) {
		const refresh = () => this.refresh();
		synced.doc.on('update', refresh);
		this.off = () => synced.doc.off('update', refresh);
		void synced.whenLoaded.then(refresh);
	}

	private refresh(): void {
		const { maps } = readContent(this.synced);
		this.info = (maps.plan?.get('info') as PlanInfo | undefined) ?? null;
		this.candidates = [...(maps.candidates?.values() ?? [])] as Candidate[];
		this.rooms = [...(maps.rooms?.values() ?? [])] as Room[];
		this.sessions = [...(maps.sessions?.values() ?? [])] as ExamSession[];
		this.staff = [...(maps.staff?.values() ?? [])] as StaffAssignment[];
		this.groups = [...(maps.groups?.values() ?? [])] as Group[];
		this.isLoaded = true;
	}

	dutiesOf(userId: string): StaffAssignment[] {
		return this.staff.filter((a) => a.userId === userId);
	}

	destroy(): void {
		this.off();
	}
}
