// Everything the "before the day" screens read: the plan (PlanView) plus, from the config
// document, the sites, people and organisations to choose from; live and validated.
import type { SyncedDoc } from '../sync/synced-doc';
import { readContent } from '../sync/records';
import type { Organisation, Person, Site } from '../domain/records';
import { PlanView, values } from './plan-view.svelte';

export class PlanSetup extends PlanView {
	sites = $state.raw<Site[]>([]);
	people = $state.raw<Person[]>([]);
	organisations = $state.raw<Organisation[]>([]);

	constructor(
		synced: SyncedDoc,
		private readonly config: SyncedDoc
	) {
		super(synced, [config]);
	}

	protected override refresh(): void {
		const config = readContent(this.config).maps;
		this.sites = values<Site>(config.sites);
		this.people = values<Person>(config.directory);
		this.organisations = values<Organisation>(config.organisations);
		super.refresh();
	}

	personName(userId: string): string {
		return this.people.find((p) => p.id === userId)?.name ?? userId;
	}
}
