// The browser's view of dev mode (run by .ci/browser-check): GraphiQL signed in runs a query and
// a subscription and shows their answers; a page on another origin calls /graphql with a token
// through CORS. Screenshots go to target/browser/.
const { chromium } = require('playwright-core');

const api = 'http://localhost:8080';
const otherOrigin = process.argv[2];
const failures = [];

async function expectText(locator, needle, what) {
  const deadline = Date.now() + 15000;
  let text = '';
  while (Date.now() < deadline) {
    text = await locator.innerText();
    if (text.includes(needle)) {
      console.log(`ok: ${what}`);
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  failures.push(`${what}: "${needle}" not shown; saw ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
}

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  page.on('pageerror', error => failures.push(`page error: ${error.message}`));

  // 1. GraphiQL signed in as alice: a query
  await page.goto(`${api}/dev/graphiql?user=alice&query=`
    + encodeURIComponent('{ me { tenantId } costByTenant { tenantName totalCostUsd } }'));
  await page.waitForSelector('.graphiql-execute-button', { timeout: 30000 });
  await page.click('.graphiql-execute-button');
  await expectText(page.locator('.graphiql-response'), 'Acme Corp', 'GraphiQL answers a query as alice');
  await page.screenshot({ path: 'target/browser/graphiql-query.png' });

  // 2. the same page, the quota alert subscription, and a refused reservation to hear of
  await page.goto(`${api}/dev/graphiql?user=alice&query=`
    + encodeURIComponent('subscription { quotaAlerts { kind quota { resourceType status limitUsd } } }'));
  await page.waitForSelector('.graphiql-execute-button', { timeout: 30000 });
  await page.click('.graphiql-execute-button');
  await page.waitForTimeout(1500);
  const writer = (await (await fetch(`${api}/dev/token?user=service-account-platform-backend`)).text()).trim();
  await fetch(`${api}/graphql`, {
    method: 'POST', headers: { Authorization: `Bearer ${writer}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { reserveLlmUsage(input: {tenantId: "a0000000-0000-4000-8000-000000000001", '
      + 'provider: "openai", model: "gpt-4", inputTokens: 100000, outputTokens: 50000}) { decision } }' })
  });
  await expectText(page.locator('.graphiql-response'), 'RESERVATION_REFUSED', 'GraphiQL shows a live quota alert');
  await page.screenshot({ path: 'target/browser/graphiql-subscription.png' });

  // 3. a dashboard on another origin, through CORS
  const dashboard = await browser.newPage();
  dashboard.on('pageerror', error => failures.push(`dashboard page error: ${error.message}`));
  const token = (await (await fetch(`${api}/dev/token?user=bob`)).text()).trim();
  await dashboard.goto(`${otherOrigin}/dashboard.html#${token}`);
  await expectText(dashboard.locator('#answer'), 'Globex', `a page on ${otherOrigin} reads /graphql through CORS`);
  await dashboard.screenshot({ path: 'target/browser/cors-dashboard.png' });

  await browser.close();
  failures.forEach(failure => console.log(`FAILED: ${failure}`));
  console.log(`browser-check: ${3 - Math.min(failures.length, 3)} passed, ${failures.length} failed`);
  process.exit(failures.length === 0 ? 0 : 1);
})().catch(error => {
  console.log(`FAILED: ${error.message}`);
  process.exit(1);
});
