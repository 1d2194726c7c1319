// Everything the "before the day" screens read: the plan (PlanView) plus, from the config
// document, the sites, people and organisations to choose from, and from the plan's registry
// document (server-written) the district's reviews and spot checks; live and validated.
import type { SyncedDoc } from '../sync/synced-doc';
import { readContent } from '../sync/entry-writes';
import type {
	DistrictReview,
	FormerName,
	HolidayYearRecord,
	LateChange,
	Organisation,
	Person,
	Site,
	SpotCheck
} from '../domain/record-schemas';
import { deadlineCalendar } from '../domain/centre-config';
import type { WorkingDayCalendar } from '../domain/working-days';
import { PlanView, values } from './plan-view.svelte';

export class PlanSetup extends PlanView {
	sites = $state.raw<Site[]>([]);
	people = $state.raw<Person[]>([]);
	organisations = $state.raw<Organisation[]>([]);
	/** Former occupation names the centre published (a roster import offers to map them). */
	formerNames = $state.raw<FormerName[]>([]);
	/** The working-day calendar every deadline uses, with the holiday years the centre entered. */
	calendar = $state.raw<WorkingDayCalendar>(deadlineCalendar([]));
	districtReviews = $state.raw<DistrictReview[]>([]);
	spotChecks = $state.raw<SpotCheck[]>([]);
	/** Arrangement changes the server received after the 考务安排 deadline (registry document). */
	lateChanges = $state.raw<LateChange[]>([]);

	constructor(
		synced: SyncedDoc,
		private readonly config: SyncedDoc,
		registry: SyncedDoc
	) {
		super(synced, registry, [config]);
	}

	protected override refresh(): void {
		const config = readContent(this.config).maps;
		this.sites = values<Site>(config.sites);
		this.people = values<Person>(config.directory);
		this.organisations = values<Organisation>(config.organisations);
		this.formerNames = values<FormerName>(config.formerNames);
		this.calendar = deadlineCalendar(values<HolidayYearRecord>(config.holidayYears));
		const registry = this.registry ? readContent(this.registry).maps : {};
		this.districtReviews = values<DistrictReview>(registry.districtReviews).sort((a, b) => (a.at < b.at ? -1 : 1));
		this.spotChecks = values<SpotCheck>(registry.spotChecks);
		this.lateChanges = values<LateChange>(registry.lateChanges).sort((a, b) => (a.firstAt < b.firstAt ? -1 : 1));
		super.refresh();
	}

	personName(userId: string): string {
		return this.people.find((p) => p.id === userId)?.name ?? userId;
	}
}
