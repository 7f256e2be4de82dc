import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleGraphiQL } from '../../../src/http/graphiql/bundle.js';
import type { RunningServer } from '../../../src/http/server.js';
import { projectPath } from '../../../src/paths.js';
import { seedDatabase } from '../../../src/transfer/seed.js';
import { TestApp } from '../../support/app.js';
import { BROWSER_HINT, findChromium, launchChromium, type TestBrowser } from '../../support/browser.js';

// GraphiQL as a person meets it: the page built by the build, served by a running Folio, in a
// real headless Chromium that may reach nothing but that server. Without Chromium these tests
// are skipped with a hint; under CI a missing browser fails them.
const chromium = findChromium();
const ARTIFACTS = projectPath('test-artifacts');
if (!chromium && !process.env.CI) console.warn(`Skipping the GraphiQL browser tests. ${BROWSER_HINT}`);

// A page with Monaco takes a few seconds to start on a busy machine; the deadlines are generous.
describe.skipIf(!chromium && !process.env.CI)('GraphiQL in Chromium (needs Chromium; see README)', { timeout: 90_000 }, () => {
  let app: TestApp;
  let server: RunningServer;
  let testBrowser: TestBrowser;
  let assetsDir: string;
  let page: Page;
  /** Requests the page tried to send anywhere but the server; each is blocked. */
  let foreignRequests: string[];
  /** Errors the page reported: console errors (CSP violations among them) and uncaught exceptions. */
  let pageErrors: string[];

  beforeAll(async () => {
    if (!chromium) throw new Error(BROWSER_HINT);
    assetsDir = await mkdtemp(path.join(tmpdir(), 'folio-graphiql-bundle-'));
    await bundleGraphiQL(assetsDir);
    app = await TestApp.start({ graphiqlAssetsDir: assetsDir });
    await seedDatabase(app.db);
    server = await app.listen();
    testBrowser = await launchChromium(chromium);
    await mkdir(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await testBrowser?.close();
    await server?.close();
    await app?.stop();
    if (assetsDir) await rm(assetsDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    foreignRequests = [];
    pageErrors = [];
    // A new context for each test: a fresh localStorage, as on a first visit.
    const context = await testBrowser.browser.createBrowserContext();
    page = await context.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    await page.setRequestInterception(true);
    const origin = new URL(server.url).origin;
    page.on('request', (request) => {
      const url = request.url();
      // data: URLs (GraphiQL's inlined fonts) never reach the network.
      if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return void request.continue();
      foreignRequests.push(url);
      void request.abort('blockedbyclient');
    });
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
      );
    });
  });

  afterEach(async () => {
    await page.browserContext().close();
    expect(foreignRequests, 'requests to other origins').toEqual([]);
    expect(pageErrors, 'errors in the page').toEqual([]);
  });

  async function openGraphiQL() {
    await page.goto(server.url, { waitUntil: 'networkidle0' });
    await page.waitForSelector('.graphiql-query-editor .view-lines');
  }

  /** The Variables or Headers editor, whichever is open. */
  const TOOL_EDITOR = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';

  /** The visible text of a Monaco editor, with Monaco's non-breaking spaces made plain. */
  const editorText = (selector: string) =>
    page.$eval(selector, (element) => (element.querySelector('.view-lines') as HTMLElement).innerText.replaceAll('\u00a0', ' '));

  async function runAndWaitFor(text: string) {
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(
      (expected) => document.querySelector('.graphiql-response .view-lines')?.textContent?.replaceAll('\u00a0', ' ').includes(expected),
      { timeout: 15_000 },
      text,
    );
  }

  it('opens on the example query and runs it to the seeded posts', async () => {
    const newest = await app.data<any>('{ posts(first: 1) { edges { node { title } } } }');
    await openGraphiQL();
    expect(await page.title()).toBe('Folio');
    expect(await editorText('.graphiql-query-editor')).toContain('query LatestPosts {');

    await runAndWaitFor(`"title": "${newest.posts.edges[0].node.title}"`);
    expect(await editorText('.graphiql-response')).toContain('"totalCount": 10');
    await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql.png') });
  });

  it('has the other examples one click away, and the explorer', async () => {
    await openGraphiQL();
    const tabs = await page.$$eval('.graphiql-tab-button', (elements) => elements.map((element) => element.textContent?.trim()));
    expect(tabs).toEqual(['LatestPosts', 'TagPage', 'Search', 'PostPage', 'Archive', 'CreatePost']);

    const closures = await app.data<any>('{ post(slug: "rust-closure-traits") { title } }');
    await clickTab('Search');
    expect(await editorText('.graphiql-query-editor')).toContain('query Search($text: String!)');
    await openEditorTool('variables');
    // The tab's variables reach the editor just after its query; running sooner would omit them.
    await page.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('闭包'), {}, TOOL_EDITOR);
    await runAndWaitFor(`"title": "${closures.post.title}"`);

    await page.click('.graphiql-sidebar button[aria-label="Show GraphiQL Explorer"]');
    await page.waitForSelector('.graphiql-explorer-root');
  });

  it('keeps a token typed into the Headers tab out of localStorage', async () => {
    const token = await newToken();
    await openGraphiQL();
    await typeHeaders(`{"Authorization": "Bearer ${token}"}`);
    // Once this later edit is saved with the tab, the tab holds the headers too; running it
    // then puts the query into the history, where GraphiQL itself would keep the headers.
    await editQuery('# saved');
    await page.waitForFunction(() => localStorage.getItem('graphiql:tabState')?.includes('# saved'));
    await runAndWaitFor('"totalCount": 10');
    await page.waitForFunction(() => localStorage.getItem('graphiql:queries')?.includes('# saved'));

    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).toContain('LatestPosts'); // the tabs and the history are kept...
    expect(stored).not.toContain(token); // ...the token is not
  });

  it('keeps headers when the person turns on "Persist headers"', async () => {
    const token = await newToken();
    await openGraphiQL();
    await page.click('.graphiql-sidebar button[aria-label="Open settings dialog"]');
    await page.click('#enable-persist-headers');
    await page.keyboard.press('Escape');
    await typeHeaders(`{"Authorization": "Bearer ${token}"}`);
    await runAndWaitFor('"totalCount": 10');
    await page.waitForFunction((kept) => localStorage.getItem('graphiql:tabState')?.includes(kept), {}, token);

    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForSelector('.graphiql-query-editor .view-lines');
    await openEditorTool('headers');
    expect(await editorText(TOOL_EDITOR)).toContain(token);
  });

  async function newToken(): Promise<string> {
    const { authorization } = await app.authorHeaders();
    return authorization!.replace('Bearer ', '');
  }

  async function clickTab(title: string) {
    const tabs = await page.$$('.graphiql-tab-button');
    for (const tab of tabs) {
      if ((await tab.evaluate((element) => element.textContent?.trim())) === title) return tab.click();
    }
    throw new Error(`No tab named ${title}`);
  }

  async function openEditorTool(name: 'variables' | 'headers') {
    await page.click(`.graphiql-editor-tools button[data-name="${name}"]`);
    await page.waitForSelector(`${TOOL_EDITOR} .view-lines`, { visible: true });
  }

  async function typeHeaders(json: string) {
    await openEditorTool('headers');
    await page.click(`${TOOL_EDITOR} .view-lines`);
    // One insertion, as a paste would do: typed key by key, Monaco would close each brace twice.
    await page.keyboard.sendCharacter(json);
  }

  async function editQuery(line: string) {
    await page.click('.graphiql-query-editor .view-lines');
    await page.keyboard.down('Control');
    await page.keyboard.press('End');
    await page.keyboard.up('Control');
    await page.keyboard.sendCharacter(`\n${line}`);
  }
});
