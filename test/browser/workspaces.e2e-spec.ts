/* The three workspaces in a real browser against the real API: an operator
 * logs a call and hands it to a village; the village worker, on a 375 px
 * phone, picks it up and closes a mediation with an agreement; the
 * supervisor's dashboard follows live and every figure lists its records. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Page } from 'playwright-core';
import { ApiClient, account, type Network } from './support/seed';
import { ARTIFACTS, BROWSER_ADMIN, browsers, describeWithBrowser, ensureWebBuilt, screenshot, signIn, startApi, watchErrors, type Browser, type RunningApi } from './support/browser';

jest.setTimeout(180_000);

const shanghaiDate = (t = Date.now()) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
const PHONE = '13812345678';
const DESKTOP = { width: 1440, height: 900 };
const PHONE_VIEWPORT = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Polls until `read` gives `expected` (then asserts, so a timeout reports the last value seen). */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: T = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  expect(last).toEqual(expected);
}

async function figure(page: Page, metric: string): Promise<string> {
  return (await page.getByTestId(`figure-${metric}`).getAttribute('data-value')) ?? '';
}

async function pickTreeNode(page: Page, inputId: string, name: string): Promise<void> {
  await page.locator(`#${inputId}`).click();
  await page.locator(`#${inputId}`).fill(name.slice(0, 3));
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: name }).first().click();
}

/** Submits the open action drawer and waits for the record page to show the new status. */
async function act(page: Page, action: string, fill?: () => Promise<void>, expectStatus?: string): Promise<void> {
  await page.getByTestId(`act-${action}`).click();
  const drawer = page.getByTestId(`action-form-${action}`);
  await drawer.waitFor();
  if (fill) await fill();
  await page.getByTestId('action-submit').click();
  await drawer.waitFor({ state: 'detached' });
  if (expectStatus) await page.locator(`[data-testid=record-page][data-status="${expectStatus}"]`).waitFor();
}

describeWithBrowser('the web UI in Chromium', () => {
  let api: RunningApi;
  let client: ApiClient;
  let net: Network;
  let b: Browser;
  let operator: Page;
  let worker: Page;
  let supervisor: Page;
  const errors: string[][] = [];
  const today = shanghaiDate();
  let callId = '';
  let workOrderId = '';
  let mediationId = '';
  let succeededBefore = 0;
  /** 1 when the missed call rang at least the short-abandon threshold (5 s) and so counts as offered (DOMAIN.md). */
  let missedCallOffered = 0;

  beforeAll(async () => {
    ensureWebBuilt();
    api = await startApi();
    client = new ApiClient(api.baseUrl);
    await client.signIn(BROWSER_ADMIN);
    net = await client.seedNetwork();
    await client.seedPeople(net);
    b = browsers();
  });

  afterAll(async () => {
    await b?.close();
    await api?.close();
  });

  afterEach(() => {
    for (const list of errors) {
      const seen = list.splice(0);
      expect(seen).toEqual([]);
    }
  });

  it('is served at / with the browser routes falling back to the app, and /api keeping its own 404', async () => {
    const home = await fetch(`${api.baseUrl}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<div id="root"></div>');
    const deep = await fetch(`${api.baseUrl}/records/mediations/00000000-0000-4000-8000-000000000000`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/text\/html/);
    const unknownApi = await fetch(`${api.baseUrl}/api/v1/no-such-thing/at/all/here`);
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await fetch(`${api.baseUrl}/assets/not-built.js`)).status).toBe(404);
    expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);
  });

  it('lets an operator log a call from the keyboard and hand it to a village as a work order', async () => {
    ({ page: operator } = await b.open({ viewport: DESKTOP }));
    errors.push(watchErrors(operator));
    await signIn(operator, api.baseUrl, account('operator'));
    await operator.goto(`${api.baseUrl}/operator`);
    await operator.getByTestId('operator-console').waitFor();
    // The clock is filled in and the number field has the focus.
    expect(await operator.locator('#call_offeredAt').inputValue()).not.toBe('');
    await operator.keyboard.type(PHONE);
    await operator.getByTestId('caller-panel').getByText('首次来电').waitFor();
    await operator.keyboard.press('Alt+KeyT'); // 投诉
    await operator.keyboard.press('Alt+KeyL');
    await operator.keyboard.type('02');
    await operator.keyboard.press('Enter');
    await pickTreeNode(operator, 'call_assignToOrgUnitId', '上湾村公共法律服务工作室');
    await operator.keyboard.press('Control+Shift+Enter');
    const saved = operator.getByTestId('call-saved');
    await saved.waitFor();
    expect(await saved.textContent()).toContain('上湾村公共法律服务工作室');
    callId = (await saved.locator('a').getAttribute('href'))!.split('/').pop()!;

    const call = await client.get(`/api/v1/hotline-calls/${callId}`);
    expect(call).toMatchObject({ status: 'work-order-created', class: 'complaint', category: '02', outcome: 'answered', orgUnitId: net.city, handedOverTo: net.villages.shangwan });
    expect(call.callerPersonId).toEqual(expect.any(String));
    workOrderId = call.workOrderId;
    // The event never holds the number; the vault shows it masked.
    const history = await client.get(`/api/v1/hotline-calls/${callId}/history`);
    expect(JSON.stringify(history)).not.toContain(PHONE);
    expect(await client.get(`/api/v1/persons/${call.callerPersonId}`)).toMatchObject({ phone: '138****5678' });

    // Today's calls list it; the form is ready for the next call.
    await operator.getByTestId('todays-calls').getByText('138****5678').waitFor();
    await eventually(() => operator.locator('#call_phone').inputValue(), '');
  });

  it('shows a returning caller with the earlier calls, and lists missed calls to call back', async () => {
    await operator.locator('#call_phone').fill(PHONE);
    const panel = operator.getByTestId('caller-panel');
    await panel.getByText('再次来电').waitFor();
    await panel.getByText('138****5678').waitFor();
    await eventually(() => panel.getByTestId('earlier-calls').locator('tbody tr.ant-table-row').count(), 1);
    // A missed call: Alt+2, saved with Ctrl+Enter.
    await operator.keyboard.press('Alt+Digit2');
    await operator.keyboard.press('Control+Enter');
    // The saved-call notice shows the first call until this one is in.
    const savedId = async () => ((await operator.getByTestId('call-saved').last().locator('a').getAttribute('href')) ?? '').split('/').pop()!;
    await eventually(async () => (await savedId()) !== callId, true);
    const missedId = await savedId();
    // The form stamps the ring's start when it is ready and its end on save: how long that took here
    // (a loaded machine is slow) decides whether the missed call is a short abandon or an offered one.
    const missed = await client.get(`/api/v1/hotline-calls/${missedId}`);
    expect(missed).toMatchObject({ outcome: 'missed' });
    missedCallOffered = Date.parse(missed.endedAt) - Date.parse(missed.offeredAt) >= 5000 ? 1 : 0;
    await operator.getByTestId('missed-calls').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(operator, 'operator-console');
  });

  it('opens the supervisor dashboard on the city', async () => {
    ({ page: supervisor } = await b.open({ viewport: DESKTOP }));
    errors.push(watchErrors(supervisor));
    await signIn(supervisor, api.baseUrl, account('supervisor'));
    await supervisor.goto(`${api.baseUrl}/dashboard`);
    await supervisor.getByTestId('dashboard').waitFor();
    await supervisor.locator('[data-testid="live-status"][data-live="live"]').waitFor();
    await eventually(() => figure(supervisor, 'hotline.offered'), String(1 + missedCallOffered));
    expect(await figure(supervisor, 'hotline.missed')).toBe('1');
    expect(await figure(supervisor, 'workOrder.created')).toBe('1');
    succeededBefore = Number(await figure(supervisor, 'mediation.succeeded'));
    expect(await supervisor.getByTestId('definition-text').textContent()).toContain('本期受理件数');
    await supervisor.evaluate(() => ((globalThis as any).__sameDocument = true));
  });

  it('lets the village worker on a 375 px phone take the work order and close a mediation with an agreement', async () => {
    ({ page: worker } = await b.open(PHONE_VIEWPORT));
    errors.push(watchErrors(worker));
    await signIn(worker, api.baseUrl, account('shangwanWorker'));
    await worker.goto(`${api.baseUrl}/worker`);
    const card = worker.locator(`[data-testid=case-card][data-record-id="${workOrderId}"]`);
    await card.waitFor();
    await screenshot(worker, 'worker-queue-375');
    expect(await worker.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await card.click();
    await worker.locator('[data-testid=record-page][data-status="assigned"]').waitFor();
    await act(worker, 'acknowledge', undefined, 'acknowledged');
    await worker.getByTestId('act-to-mediation').click();
    await worker.getByTestId('new-mediation').waitFor();
    // The caller is the applicant already; the category came with the call.
    await eventually(() => worker.getByTestId('party-name-0').isDisabled(), true);
    await worker.getByTestId('party-name-1').fill('孙某某');
    await worker.getByTestId('claimed-amount').fill('20000');
    await worker.getByTestId('submit-mediation').click();
    await worker.locator('[data-testid=record-page][data-status="accepted"]').waitFor();
    mediationId = worker.url().split('/').pop()!;

    await act(worker, 'sessions', undefined, 'in-session');
    // Only the acts her role may run (GET /api/v1/auth/permissions): extending and reassigning are a supervisor's.
    await worker.getByTestId('act-agreement').waitFor();
    expect(await worker.getByTestId('act-extend').count()).toBe(0);
    expect(await worker.getByTestId('act-reassign').count()).toBe(0);
    await act(
      worker,
      'agreement',
      async () => {
        await worker.locator('#act-agreement_agreedAmountFen').fill('15000.50');
      },
      'agreed',
    );
    await screenshot(worker, 'worker-mediation-375');
    await act(worker, 'close', undefined, 'closed');
    expect(await worker.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    const m = await client.get(`/api/v1/mediations/${mediationId}`);
    expect(m).toMatchObject({ status: 'closed', source: 'referral', category: '02', orgUnitId: net.villages.shangwan, agreedAmountFen: 1_500_050, claimedAmountFen: 2_000_000, outcome: 'agreed' });
    expect(m.referredFrom).toEqual({ collection: 'hotline-calls', id: callId });
  });

  it("changes the supervisor's figures without a reload", async () => {
    await eventually(() => figure(supervisor, 'mediation.succeeded'), String(succeededBefore + 1), 20_000);
    expect(await figure(supervisor, 'mediation.agreedAmountFen')).toBe('1.50'); // 1,500,050 fen = 1.5001 万元 → 1.50
    expect(await supervisor.evaluate(() => (globalThis as any).__sameDocument)).toBe(true);
    // Someone else records another agreement: it arrives too.
    await client.mediation(net.villages.liujia, today, { agreeFen: 4_999_950 });
    await eventually(() => figure(supervisor, 'mediation.succeeded'), String(succeededBefore + 2), 20_000);
    expect(await figure(supervisor, 'mediation.agreedAmountFen')).toBe('6.50'); // 6,500,000 fen
    expect(await supervisor.evaluate(() => (globalThis as any).__sameDocument)).toBe(true);
    await screenshot(supervisor, 'supervisor-dashboard');
  });

  it('opens the records behind a figure, as many as the figure says', async () => {
    for (const metric of ['mediation.accepted', 'mediation.succeeded', 'hotline.offered']) {
      const value = Number(await figure(supervisor, metric));
      expect(value).toBeGreaterThan(0);
      await supervisor.getByTestId(`figure-${metric}`).click();
      const drawer = supervisor.getByTestId('drill-down');
      await drawer.waitFor();
      await eventually(() => drawer.locator('[data-testid=drill-count]').getAttribute('data-total'), String(value));
      await eventually(() => drawer.locator('tbody tr.ant-table-row').count(), value);
      if (metric === 'mediation.succeeded') await screenshot(supervisor, 'supervisor-drill-down', { fullPage: false });
      await supervisor.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
    }
  });

  it('shows a record with its whole history in plain words', async () => {
    await worker.goto(`${api.baseUrl}/records/mediations/${mediationId}`);
    const timeline = worker.getByTestId('timeline');
    await timeline.locator('[data-testid=timeline-event]').first().waitFor();
    const types = await timeline.locator('[data-testid=timeline-event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-event-type')));
    expect(types).toEqual(['MediationRegistered', 'MediationAccepted', 'MediationSessionRecorded', 'MediationAgreementReached', 'MediationClosed']);
    const text = await timeline.textContent();
    for (const words of ['登记调解：人民调解，移送/委托', '受理，指定调解员 1 名', '记录第 1 次调解', '达成书面协议', '协议金额 15,000.50 元', '结案归档', '录入于']) expect(text).toContain(words);
    // Who: until the API has a login, events carry no actor and say so; then they name the user ("我" for oneself).
    expect(text).toMatch(/未登录用户|我 ·/);
    await screenshot(worker, 'record-timeline-375');
    // The call's own page links to its work order and says who handed it where.
    await worker.goto(`${api.baseUrl}/records/hotline-calls/${callId}`);
    await worker.getByTestId('timeline').getByText('转办至 上湾村公共法律服务工作室').waitFor();
  });

  it('retries a submit lost on a bad connection with the same Idempotency-Key and records it once', async () => {
    const m = await client.mediation(net.villages.shangwan, today);
    await worker.goto(`${api.baseUrl}/records/mediations/${m.id}`);
    await worker.locator('[data-testid=record-page][data-status="accepted"]').waitFor();
    const keys: string[] = [];
    let dropped = 0;
    await worker.route('**/api/v1/mediations/*/sessions', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (dropped === 0) {
        dropped += 1;
        await route.fetch(); // the server records the session …
        await route.abort('connectionreset'); // … and the answer never arrives
        return;
      }
      await route.continue();
    });
    await act(worker, 'sessions', undefined, 'in-session');
    await worker.unroute('**/api/v1/mediations/*/sessions');
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    const history = await client.get(`/api/v1/mediations/${m.id}/history`);
    expect(history.events.filter((e: any) => e.type === 'MediationSessionRecorded')).toHaveLength(1);
  });

  it('shows what changed when the version is stale, and retries on the latest', async () => {
    const m = await client.mediation(net.villages.shangwan, today);
    await worker.goto(`${api.baseUrl}/records/mediations/${m.id}`);
    await worker.locator(`[data-testid=record-page][data-version="${m.version}"]`).waitFor();
    // Someone else records a session meanwhile.
    await client.post(`/api/v1/mediations/${m.id}/sessions`, { heldOn: today });
    await worker.getByTestId('act-sessions').click();
    await worker.getByTestId('action-form-sessions').waitFor();
    await worker.getByTestId('action-submit').click();
    const changed = worker.getByTestId('stale-event');
    await changed.first().waitFor();
    expect(await changed.first().textContent()).toContain('记录第 1 次调解');
    await screenshot(worker, 'worker-stale-version-375', { fullPage: false });
    await worker.getByTestId('stale-retry').click();
    await worker.getByTestId('action-form-sessions').waitFor({ state: 'detached' });
    await worker.locator(`[data-testid=record-page][data-version="${m.version + 2}"]`).waitFor();
    const history = await client.get(`/api/v1/mediations/${m.id}/history`);
    expect(history.events.filter((e: any) => e.type === 'MediationSessionRecorded')).toHaveLength(2);
  });

  it("puts the API's field errors on the form", async () => {
    const a = await client.person('周某');
    const c = await client.person('吴某');
    const m = await client.post('/api/v1/mediations', {
      orgUnitId: net.villages.shangwan,
      kind: 'people',
      source: 'initiative',
      category: '01',
      parties: [
        { personId: a, role: 'applicant' },
        { personId: c, role: 'respondent' },
      ],
      registeredOn: today,
    });
    await worker.goto(`${api.baseUrl}/records/mediations/${m.id}`);
    await worker.getByTestId('act-accept').click();
    await worker.getByTestId('action-form-accept').waitFor();
    const yesterday = shanghaiDate(Date.now() - 86_400_000);
    await worker.locator('#act-accept_acceptedOn').fill(yesterday);
    await worker.getByTestId('action-submit').click();
    // Only the API knows the registration date: its 422 names acceptedOn, shown under that field.
    const error = worker.locator('#act-accept_acceptedOn_help');
    await error.waitFor();
    expect(await error.textContent()).toContain('registeredOn');
    expect((await client.get(`/api/v1/mediations/${m.id}`)).status).toBe('registered');
    await worker.keyboard.press('Escape');
  });

  it('records a consultation and a lecture on the phone the same way, and the dashboard follows', async () => {
    // The worker of 下湾村 on the same phone: her own sign-in, her own village.
    await signIn(worker, api.baseUrl, account('xiawanWorker'));
    await worker.goto(`${api.baseUrl}/worker`);
    await worker.getByTestId('new-consultation').click();
    await worker.locator('#consultation_category').click();
    await worker.keyboard.type('10');
    await worker.keyboard.press('Enter');
    await worker.locator('#consultation_personsServed').fill('3');
    await worker.getByTestId('submit-consultation').click();
    await worker.locator('[data-testid=record-page][data-status="answered"]').waitFor();
    const consultationId = worker.url().split('/').pop()!;
    expect(await client.get(`/api/v1/consultations/${consultationId}`)).toMatchObject({ orgUnitId: net.villages.xiawan, category: '10', channel: 'visit', personsServed: 3 });

    await worker.goto(`${api.baseUrl}/worker/new/lecture`);
    await worker.locator('#lecture_topic').fill('《民法典》婚姻家庭编进村宣讲');
    await worker.getByTestId('submit-lecture').click();
    await worker.locator('[data-testid=record-page][data-status="planned"]').waitFor();
    await act(worker, 'hold', async () => worker.locator('#act-hold_attendees').fill('45'), 'held');
    await screenshot(worker, 'worker-lecture-375');

    await eventually(() => figure(supervisor, 'consultation.count'), '1', 20_000);
    expect(await figure(supervisor, 'consultation.personsServed')).toBe('3');
    await eventually(() => figure(supervisor, 'lecture.held'), '1', 20_000);
    expect(await figure(supervisor, 'lecture.attendees')).toBe('45');
  });

  it('exports the breakdown as CSV and XLSX', async () => {
    const [csv] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByTestId('export-csv').click()]);
    const csvPath = join(ARTIFACTS, 'breakdown.csv');
    await csv.saveAs(csvPath);
    const text = readFileSync(csvPath, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('纠纷类别,受理,调结,调解成功');
    expect(text).toMatch(/合计,/);

    const [xlsx] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByTestId('export-xlsx').click()]);
    const xlsxPath = join(ARTIFACTS, 'breakdown.xlsx');
    await xlsx.saveAs(xlsxPath);
    const entries = readZip(readFileSync(xlsxPath));
    expect(entries.map((e) => e.name)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml', 'xl/styles.xml']),
    );
    for (const e of entries) expect(crc32(e.data)).toBe(e.crc);
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.data.toString('utf8');
    expect(sheet).toContain('合计');
    expect(sheet).toContain('<v>6.5</v>'); // the agreed amount in 万元, a number cell
  });

  it('switches to English and back', async () => {
    await supervisor.getByTestId('lang-switch').click();
    await supervisor.getByText('Public Legal Services Desk').waitFor();
    await supervisor.getByText('Success rate (reported) =').waitFor();
    await screenshot(supervisor, 'supervisor-dashboard-en');
    await supervisor.getByTestId('lang-switch').click();
    await supervisor.getByText('公共法律服务工作台').first().waitFor();
  });

  it('refuses a wrong password on the form, and signs out for good', async () => {
    const { page } = await b.open({ viewport: DESKTOP });
    errors.push(watchErrors(page));
    await page.goto(`${api.baseUrl}/dashboard`);
    await page.getByTestId('login-username').fill(account('supervisor').username);
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    expect(await page.getByTestId('login-error').textContent()).toContain('用户名或密码不正确');

    // The supervisor signs out: the login form again, and the old session's token no longer works.
    const token = await supervisor.evaluate(() => JSON.parse((globalThis as any).sessionStorage.getItem('pls.session')).accessToken as string);
    expect((await fetch(`${api.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await supervisor.getByTestId('logout').click();
    await supervisor.getByTestId('login-page').waitFor();
    const after = await fetch(`${api.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect([after.status, ((await after.json()) as { code: string }).code]).toEqual([401, 'AUTH.SESSION_REVOKED']);
    await supervisor.reload();
    await supervisor.getByTestId('login-page').waitFor();
  });
});

/** The entries of a zip whose files are stored (what the UI's XLSX writer makes). */
function readZip(buf: Buffer): Array<{ name: string; crc: number; data: Buffer }> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out: Array<{ name: string; crc: number; data: Buffer }> = [];
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(at)).toBe(0x02014b50);
    const crc = buf.readUInt32LE(at + 16);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const localName = buf.readUInt16LE(local + 26);
    const localExtra = buf.readUInt16LE(local + 28);
    const start = local + 30 + localName + localExtra;
    out.push({ name, crc, data: buf.subarray(start, start + size) });
    at += 46 + nameLength + extra + comment;
  }
  return out;
}
