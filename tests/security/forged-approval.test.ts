// Attack (issue 11, "facts that belong to others sit in the institution's plan document"): the
// institution admin may write its plan document over /sync, and the district's approval used to sit
// in it. It writes an approval in the district's name, bound to the plan's current content, and a
// spot check confirming a candidate. The check is on what the server then holds and decides: the
// registry document (which only the server writes) has neither; the server does not take the plan
// as approved (submitting it for review is still accepted) and the review page shows no approval.
import { expect, it } from 'vitest';
import { planHashOf, serverForFile } from '../support/file-server';
import { connectDevice, signInToken, storedDoc, waitFor } from '../support/node-device';
import type { Candidate } from '../../src/lib/domain/record-schemas';
import { planDoc, registryDoc } from '../../src/lib/sync/doc-names';
import { readDocContent } from '../../src/lib/sync/doc-content';

const PLAN = 'demo-20270116';
const server = serverForFile();

it('an institution admin cannot approve its own plan or confirm a spot check over /sync', async () => {
	const token = await signInToken(server.url, 'jigou');
	const device = connectDevice(server.url, planDoc(PLAN), token);
	await device.whenSynced;
	// The plan as the app reads it (validated), which is what approvals are bound to.
	const hash = planHashOf(server.dataDir, PLAN, device.doc);
	const candidates = [...readDocContent(planDoc(PLAN), device.doc).maps.candidates.values()] as Candidate[];
	const at = new Date().toISOString();
	device.doc.transact(() => {
		device.doc.getMap('districtReviews').set('dr-forged', {
			v: 1,
			id: 'dr-forged',
			decision: 'approved',
			comment: '同意',
			contentHash: hash,
			by: 'u-district',
			byName: '区县人力社保局',
			at
		});
		device.doc.getMap('spotChecks').set(candidates[0].id, {
			v: 1,
			candidateId: candidates[0].id,
			isConfirmed: true,
			by: 'u-district',
			byName: '区县人力社保局',
			at
		});
	});
	await waitFor(
		() => storedDoc(server.dataDir, planDoc(PLAN)).getMap('districtReviews').has('dr-forged'),
		15_000,
		'the write reached SQLite (the plan document is the admin’s to write)'
	);
	device.destroy();

	// The server's own record of the plan's review holds nothing the admin wrote.
	const registry = storedDoc(server.dataDir, registryDoc(PLAN));
	expect([...registry.getMap('districtReviews').keys()]).toEqual([]);
	expect([...registry.getMap('spotChecks').keys()]).toEqual([]);

	// A submission of content the server does not hold (a device with unsent changes) is refused.
	const stale = await fetch(`${server.url}/api/plans/${PLAN}/submit`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ contentHash: '0000000000000000' })
	});
	expect(stale.status).toBe(409);
	expect(((await stale.json()) as { message: string }).message).toContain('本设备的修改还没有全部送达');
	expect([...storedDoc(server.dataDir, registryDoc(PLAN)).getMap('districtReviews').keys()]).toEqual([]);

	// The server does not take the plan as approved: the institution may (must) still submit it.
	const r = await fetch(`${server.url}/api/plans/${PLAN}/submit`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ contentHash: hash })
	});
	const body = (await r.json()) as { error?: string; review?: { decision: string } };
	expect(r.status, JSON.stringify(body)).toBe(201);
	expect(body.review?.decision).toBe('submitted');
	expect([...storedDoc(server.dataDir, registryDoc(PLAN)).getMap('districtReviews').values()]).toMatchObject([
		{ decision: 'submitted', by: 'u-inst' }
	]);
});
