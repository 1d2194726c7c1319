// A live, validated view of one plan for the UI: every map of the plan document, with the plan's
// info and dispatched examiners from its registry document (planMapsOf), re-read whenever either
// changes (locally, from another tab or from the server). A roster slice (registry null) already
// holds them, merged by the server. PlanSetup (the before-the-day screens) extends it with the
// config document.
import type { SyncedDoc } from '../sync/synced-doc';
import { readContent } from '../sync/entry-writes';
import type { NewerValue } from '../sync/doc-content';
import { planMapsOf } from '../domain/plan-maps';
import type {
	Candidate,
	Custody,
	ExamSession,
	Group,
	PlanInfo,
	Room,
	Rubric,
	Seat,
	StaffAssignment,
	VideoCheck
} from '../domain/record-schemas';

export const values = <T>(m: Map<string, unknown> | undefined): T[] => [...(m?.values() ?? [])] as T[];
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class PlanView {
	isLoaded = $state(false);
	info = $state.raw<PlanInfo | null>(null);
	candidates = $state.raw<Candidate[]>([]);
	rooms = $state.raw<Room[]>([]);
	sessions = $state.raw<ExamSession[]>([]);
	seats = $state.raw<Seat[]>([]);
	staff = $state.raw<StaffAssignment[]>([]);
	groups = $state.raw<Group[]>([]);
	rubrics = $state.raw<Rubric[]>([]);
	custody = $state.raw<Custody[]>([]);
	videoChecks = $state.raw<VideoCheck[]>([]);
	/** Values a newer app wrote in the plan or its registry: kept in the documents, read by nothing here. */
	newer = $state.raw<NewerValue[]>([]);
	private offs: (() => void)[] = [];
	private hasAllLoaded = false;

	/** `alsoWatch`: other documents whose changes should re-read the view (see PlanSetup). */
	constructor(
		readonly synced: SyncedDoc,
		protected readonly registry: SyncedDoc | null,
		alsoWatch: SyncedDoc[] = []
	) {
		const docs = [synced, ...(registry ? [registry] : []), ...alsoWatch];
		// Read once all are loaded (their stored updates applied), then on each change: not once per
		// document as each one loads.
		for (const d of docs) {
			const refresh = () => {
				if (this.hasAllLoaded) this.refresh();
			};
			d.doc.on('update', refresh);
			this.offs.push(() => d.doc.off('update', refresh));
		}
		// A document whose stored state could not be read whole still shows what it holds.
		void Promise.allSettled(docs.map((d) => d.whenLoaded)).then(() => {
			this.hasAllLoaded = true;
			this.refresh();
		});
	}

	protected refresh(): void {
		const ownContent = readContent(this.synced);
		const registryContent = this.registry ? readContent(this.registry) : null;
		const own = ownContent.maps;
		const maps = registryContent ? planMapsOf(own, registryContent.maps) : own;
		this.newer = [...ownContent.newer, ...(registryContent?.newer ?? [])];
		this.info = (maps.plan?.get('info') as PlanInfo | undefined) ?? null;
		this.candidates = values<Candidate>(maps.candidates).sort(byId);
		this.rooms = values<Room>(maps.rooms).sort(byId);
		this.sessions = values<ExamSession>(maps.sessions).sort((a, b) =>
			a.date + a.start + a.roomId < b.date + b.start + b.roomId ? -1 : 1
		);
		this.seats = values<Seat>(maps.seats);
		this.staff = values<StaffAssignment>(maps.staff);
		this.groups = values<Group>(maps.groups).sort(byId);
		this.rubrics = values<Rubric>(maps.rubrics);
		this.custody = values<Custody>(maps.custody).sort((a, b) => (a.at < b.at ? -1 : 1));
		this.videoChecks = values<VideoCheck>(maps.videoChecks);
		this.isLoaded = true;
	}

	dutiesOf(userId: string): StaffAssignment[] {
		return this.staff.filter((a) => a.userId === userId);
	}

	destroy(): void {
		for (const off of this.offs) off();
	}
}
