// Everything the "before the day" screens read from one plan document and the config document,
// live and validated: re-read whenever either document changes.
import type { SyncedDoc } from '../sync/synced-doc';
import { readContent } from '../sync/records';
import type {
	Candidate,
	Custody,
	DistrictReview,
	ExamSession,
	Group,
	Organisation,
	Person,
	PlanInfo,
	Room,
	Rubric,
	Seat,
	Site,
	SpotCheck,
	StaffAssignment,
	VideoCheck
} from '../domain/records';

const values = <T>(m: Map<string, unknown> | undefined): T[] => [...(m?.values() ?? [])] as T[];

export class PlanSetup {
	isLoaded = $state(false);
	info = $state.raw<PlanInfo | null>(null);
	candidates = $state.raw<Candidate[]>([]);
	rooms = $state.raw<Room[]>([]);
	sessions = $state.raw<ExamSession[]>([]);
	seats = $state.raw<Seat[]>([]);
	staff = $state.raw<StaffAssignment[]>([]);
	groups = $state.raw<Group[]>([]);
	rubrics = $state.raw<Rubric[]>([]);
	districtReviews = $state.raw<DistrictReview[]>([]);
	spotChecks = $state.raw<SpotCheck[]>([]);
	custody = $state.raw<Custody[]>([]);
	videoChecks = $state.raw<VideoCheck[]>([]);
	sites = $state.raw<Site[]>([]);
	people = $state.raw<Person[]>([]);
	organisations = $state.raw<Organisation[]>([]);
	private offs: (() => void)[] = [];

	constructor(
		readonly synced: SyncedDoc,
		private readonly config: SyncedDoc
	) {
		for (const d of [synced, config]) {
			const refresh = () => this.refresh();
			d.doc.on('update', refresh);
			this.offs.push(() => d.doc.off('update', refresh));
		}
		void Promise.all([synced.whenLoaded, config.whenLoaded]).then(() => this.refresh());
	}

	private refresh(): void {
		const { maps } = readContent(this.synced);
		this.info = (maps.plan?.get('info') as PlanInfo | undefined) ?? null;
		this.candidates = values<Candidate>(maps.candidates).sort((a, b) => (a.id < b.id ? -1 : 1));
		this.rooms = values<Room>(maps.rooms).sort((a, b) => (a.id < b.id ? -1 : 1));
		this.sessions = values<ExamSession>(maps.sessions).sort((a, b) => (a.date + a.start + a.roomId < b.date + b.start + b.roomId ? -1 : 1));
		this.seats = values<Seat>(maps.seats);
		this.staff = values<StaffAssignment>(maps.staff);
		this.groups = values<Group>(maps.groups).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		this.rubrics = values<Rubric>(maps.rubrics);
		this.districtReviews = values<DistrictReview>(maps.districtReviews).sort((a, b) => (a.at < b.at ? -1 : 1));
		this.spotChecks = values<SpotCheck>(maps.spotChecks);
		this.custody = values<Custody>(maps.custody).sort((a, b) => (a.at < b.at ? -1 : 1));
		this.videoChecks = values<VideoCheck>(maps.videoChecks);
		const config = readContent(this.config).maps;
		this.sites = values<Site>(config.sites);
		this.people = values<Person>(config.directory);
		this.organisations = values<Organisation>(config.organisations);
		this.isLoaded = true;
	}

	personName(userId: string): string {
		return this.people.find((p) => p.id === userId)?.name ?? userId;
	}

	destroy(): void {
		for (const off of this.offs) off();
	}
}
