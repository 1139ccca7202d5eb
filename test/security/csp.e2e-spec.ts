/* The Content-Security-Policy must not break the web UI: in Chromium, the
 * sign-in page, the three workspaces (charts included) and the API docs load
 * with no CSP violation and no page error. */
import { BROWSER_ADMIN, browsers, describeWithBrowser, ensureWebBuilt, signIn, startApi, watchErrors, type Browser, type RunningApi } from '../browser/support/browser';

describeWithBrowser('the web UI under the Content-Security-Policy', () => {
  let api: RunningApi;
  let chromium: Browser;
  beforeAll(async () => {
    ensureWebBuilt();
    api = await startApi();
    chromium = browsers();
  }, 180_000);
  afterAll(async () => {
    await chromium?.close();
    await api?.close();
  });

  it('loads every workspace and the API docs without a CSP violation or a page error', async () => {
    const { page } = await chromium.open({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      // Runs in the page (no DOM types in this project's compiler settings).
      (globalThis as any).document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string }) =>
        console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.goto(`${api.baseUrl}/`);
    await signIn(page, api.baseUrl, BROWSER_ADMIN);
    // Not 'networkidle': the app keeps its live streams (SSE) open.
    for (const path of ['/operator', '/dashboard', '/worker']) {
      await page.goto(`${api.baseUrl}${path}`);
      await page.locator('#root [data-testid]').first().waitFor();
    }
    await page.goto(`${api.baseUrl}/api/docs`);
    await page.locator('.swagger-ui .opblock').first().waitFor();
    const response = await page.request.get(`${api.baseUrl}/dashboard`);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);
});
