// Page objects, one per screen. They find things the way a person does — by role and
// visible label — and act by clicking, typing, picking files and reading downloads.

import { readFile } from 'node:fs/promises';
import { sleep, textOf, until } from './until.mjs';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The accessible name of a problem's toggle button: "N." then its description. */
const numbered = (n) => new RegExp(`^\\s*${n}\\.`);
const anyNumber = /^\s*\d+\./;

/** Accept (or dismiss) the next window.confirm and resolve to its message. */
function answerNextConfirm(page, accept = true) {
  return new Promise((resolve) => {
    page.once('dialog', async (d) => {
      const message = d.message();
      if (accept) await d.accept();
      else await d.dismiss();
      resolve(message);
    });
  });
}

/** One open tab of the app. */
export class App {
  /** Open a page on the app in `context` and wait until it has started. */
  static async open(context, url, name, registry = []) {
    const page = await context.newPage();
    const app = new App(page, url, name, context, registry);
    registry.push(app);
    await app.goto();
    return app;
  }

  constructor(page, url, name, context, registry) {
    this.page = page;
    this.url = url;
    this.name = name;
    this.context = context;
    this.registry = registry;
    this.pageErrors = [];
    this.consoleErrors = [];
    page.setDefaultTimeout(10000);
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    this.header = new Header(page);
    this.notices = new Notices(page);
    this.start = new StartPage(page);
    this.checklist = new ChecklistPage(page);
    this.rules = new RulesPage(page, this.header);
    this.info = new InfoPage(page, this.header);
    this.ledgers = new LedgersPage(page, this.header);
  }

  /** Another tab in the same browser profile (same localStorage). */
  async newTab(name = `${this.name}-tab2`) {
    return App.open(this.context, this.url, name, this.registry);
  }

  async goto() {
    await this.page.goto(this.url);
    await this.ready();
  }

  /** The app has mounted once its header shows. The wasm is large in debug builds. */
  async ready() {
    await this.header.heading.waitFor({ state: 'visible', timeout: 60000 });
  }

  async reload() {
    await this.page.reload();
    await this.ready();
  }

  /**
   * Wait for the save after an edit (due 400 ms after it; when no keystroke follows, a
   * timer runs it 300 ms later) to have run: until this origin's `rectify:` storage stops
   * changing.
   */
  async waitForSave() {
    const snapshot = () =>
      this.page.evaluate(() =>
        JSON.stringify(
          Object.keys(localStorage)
            .filter((k) => k.startsWith('rectify:'))
            .sort()
            .map((k) => [k, localStorage.getItem(k)]),
        ),
      );
    await sleep(600);
    let before = await snapshot();
    await until(async () => {
      await sleep(250);
      const now = await snapshot();
      const stable = now === before;
      before = now;
      return stable;
    }, 'the saved ledger to stop changing');
  }

  /** Accept the next confirm dialog; resolves to its message. */
  acceptNextConfirm() {
    return answerNextConfirm(this.page, true);
  }

  dismissNextConfirm() {
    return answerNextConfirm(this.page, false);
  }

  /** Keys of this origin's localStorage. */
  storageKeys() {
    return this.page.evaluate(() => Object.keys(localStorage));
  }
}

/** The banner: ledger switcher, tabs, export/import, 我的名字. */
export class Header {
  constructor(page) {
    this.page = page;
    this.banner = page.getByRole('banner');
    this.heading = this.banner.getByRole('heading', { name: '整改台账', exact: true, level: 1 });
    this.ledgerSelect = this.banner.getByLabel(/^\s*当前台账/);
    this.exportButton = this.banner.getByRole('button', { name: '导出', exact: true });
    this.importInput = this.banner.getByLabel('导入台账文件', { exact: true });
    this.myName = this.banner.getByLabel('我的名字', { exact: true });
  }

  tab(name) {
    return this.banner.getByRole('tab', { name, exact: true });
  }

  async show(tabName) {
    await this.tab(tabName).click();
    await until(
      async () => (await this.tab(tabName).getAttribute('aria-selected', { timeout: 1000 })) === 'true',
      `tab ${tabName} to be selected`,
    );
  }

  /** Names listed in 当前台账 (without the “（未打开）” placeholder). */
  async ledgerNames() {
    const names = await this.ledgerSelect.getByRole('option').allTextContents();
    return names.map((s) => s.trim()).filter((s) => s !== '（未打开）');
  }

  /** The name selected in 当前台账. */
  async currentLedger() {
    return this.ledgerSelect.evaluate((s) => s.selectedOptions[0]?.textContent.trim() ?? '');
  }

  async switchTo(name) {
    await this.ledgerSelect.selectOption({ label: name });
  }

  async setMyName(name) {
    await this.myName.fill(name);
    await this.myName.press('Tab');
  }

  /** Click 导出; resolves to { fileName, bytes } of the download. */
  async export() {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: 15000 }),
      this.exportButton.click(),
    ]);
    const failure = await download.failure();
    if (failure) throw new Error(`download failed: ${failure}`);
    const bytes = await readFile(await download.path());
    return { fileName: download.suggestedFilename(), bytes };
  }

  /** Pick a file in 导入 (a path, or { name, mimeType, buffer }). */
  async importFile(file) {
    await this.importInput.setInputFiles(file);
  }

  /** Click 导入 as a person does; resolves to the file chooser that opens (its setFiles picks). */
  async openImportPicker() {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.importInput.click()]);
    return chooser;
  }

  /** Drag a file onto the page and drop it, as from a file manager. */
  async dropFile(name, bytes) {
    const dataTransfer = await this.page.evaluateHandle(
      ({ name, data }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], name));
        return dt;
      },
      { name, data: [...bytes] },
    );
    const app = this.page.locator('.app');
    await app.dispatchEvent('dragover', { dataTransfer });
    await app.dispatchEvent('drop', { dataTransfer });
  }
}

/** Messages: info (role=status), errors (role=alert), the sticky 未保存 alert, the import dialog. */
export class Notices {
  constructor(page) {
    this.page = page;
    const closable = page.getByRole('button', { name: '关闭提示', exact: true });
    this.info = page.getByRole('status').filter({ has: closable });
    this.error = page.getByRole('alert').filter({ has: closable });
    this.saveError = page.getByRole('alert').filter({ hasText: /^\s*未保存：/ });
    this.saveErrorExport = this.saveError.getByRole('button', { name: '立即导出', exact: true });
    this.importDialog = page.getByRole('dialog', { name: '导入另一本台账', exact: true });
  }

  /** Close the info or error notice if one is shown. */
  async dismiss() {
    const close = this.page.getByRole('button', { name: '关闭提示', exact: true });
    if (await close.count()) await close.click();
    await until(async () => (await close.count()) === 0, 'the notice to close');
  }

  /** Wait for an info notice and resolve to its text. */
  async infoText(pattern = /\S/) {
    return until(async () => {
      const text = await textOf(this.info);
      return pattern.test(text) ? text : false;
    }, `an info notice matching ${pattern}`);
  }

  /** Wait for an error notice and resolve to its text. */
  async errorText(pattern = /\S/) {
    return until(async () => {
      const text = await textOf(this.error);
      return pattern.test(text) ? text : false;
    }, `an error notice matching ${pattern}`);
  }

  importDialogButton(name) {
    return this.importDialog.getByRole('button', { name, exact: true });
  }
}

/** The start screen shown when no ledger is open. */
export class StartPage {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: '开始使用整改台账', exact: true });
    this.nameInput = page.getByRole('main').getByLabel('新台账名称', { exact: true });
    this.createButton = page.getByRole('main').getByRole('button', { name: '新建台账', exact: true });
    this.exampleButton = page.getByRole('main').getByRole('button', { name: '打开示例台账', exact: true });
  }

  async createLedger(name) {
    await this.nameInput.fill(name);
    await this.createButton.click();
  }

  async openExample() {
    await this.exampleButton.click();
  }
}

/** 台账: the checklist of categories and numbered problems, filters and counts. */
export class ChecklistPage {
  constructor(page) {
    this.page = page;
    this.main = page.getByRole('main');
    this.title = this.main.getByRole('heading', { level: 2 });
    this.counts = this.main.getByRole('status').filter({ hasText: /^\s*显示/ });
    this.statusFilter = this.main.getByLabel(/^\s*按状态筛选/);
    this.departmentFilter = this.main.getByLabel(/^\s*按部门筛选/);
    this.lightFilter = this.main.getByLabel(/^\s*按预警筛选/);
    this.search = this.main.getByRole('searchbox', { name: '搜索' });
    this.categories = this.main
      .getByRole('region')
      .filter({ has: page.getByRole('heading', { level: 3 }) });
    this.problemToggles = this.main.getByRole('button', { name: anyNumber });
    this.newCategoryInput = this.main.getByLabel('新类别名称', { exact: true });
    this.addCategoryButton = this.main.getByRole('button', { name: '添加类别', exact: true });
    this.trash = this.main.getByText(/^回收站（\d+ 个已删除的问题）$/);
  }

  category(title) {
    return new CategorySection(this.page, this.main.getByRole('region', { name: title, exact: true }), title);
  }

  /** The problem numbered `n` (as shown, 1-based). */
  problem(n) {
    return new ProblemRow(
      this.page,
      this.main.getByRole('article').filter({ has: this.page.getByRole('button', { name: numbered(n) }) }),
    );
  }

  /** The problem whose toggle shows `text` in its description. */
  problemWithText(text) {
    return new ProblemRow(
      this.page,
      this.main
        .getByRole('article')
        .filter({ has: this.page.getByRole('button', { name: new RegExp(`^\\s*\\d+\\.\\s*${escape(text)}`) }) }),
    );
  }

  /** The visible problem toggles' texts, e.g. ["1.问题一", "2.问题二"] (whitespace removed). */
  async problemTitles() {
    // their text content, as find-in-page and a screen reader get it: categories out of view are
    // not laid out (content-visibility), so their rendered text (innerText) is empty until
    // scrolled to
    return (await this.problemToggles.allTextContents()).map((s) => s.replace(/\s+/g, ''));
  }

  /** The visible category headings, e.g. ["（一）标题", …] (whitespace removed). */
  async categoryHeadings() {
    // (text content, as for problemTitles)
    return (await this.categories.getByRole('heading', { level: 3 }).allTextContents()).map((s) =>
      s.replace(/\s+/g, ''),
    );
  }

  async countsText() {
    return textOf(this.counts);
  }

  async addCategory(title) {
    await this.newCategoryInput.fill(title);
    await this.addCategoryButton.click();
    return this.category(title);
  }

  /** Set any of the filters; `null`/undefined leaves one as it is, '' resets a select. */
  async filter({ status, department, light, text } = {}) {
    const pick = (select, label) =>
      label === '' ? select.selectOption({ index: 0 }) : select.selectOption({ label });
    if (status != null) await pick(this.statusFilter, status);
    if (department != null) await pick(this.departmentFilter, department);
    if (light != null) await pick(this.lightFilter, light);
    if (text != null) await this.search.fill(text);
  }

  async clearFilters() {
    await this.filter({ status: '', department: '', light: '', text: '' });
  }
}

/** One category: a region named by its title. */
export class CategorySection {
  constructor(page, region, title) {
    this.page = page;
    this.region = region;
    this.title = title;
    this.heading = region.getByRole('heading', { level: 3 });
    this.problems = region.getByRole('article');
    this.problemToggles = region.getByRole('button', { name: anyNumber });
  }

  /** Click 添加问题; resolves to the editor it opens. */
  async addProblem() {
    const before = await this.problems.count();
    await this.region.getByRole('button', { name: '添加问题', exact: true }).click();
    await until(async () => (await this.problems.count()) === before + 1, 'a new problem row');
    const editor = new ProblemEditor(this.page, this.problems.last().getByRole('group', { name: '问题详情' }));
    await editor.group.waitFor();
    return editor;
  }

  problem(i) {
    return new ProblemRow(this.page, this.problems.nth(i));
  }

  async moveUp() {
    await this.region.getByRole('button', { name: `上移类别：${this.title}`, exact: true }).click();
  }

  async moveDown() {
    await this.region.getByRole('button', { name: `下移类别：${this.title}`, exact: true }).click();
  }

  /** Click 删除类别 and answer the confirm; resolves to the confirm's message. */
  async delete({ accept = true } = {}) {
    const answered = accept ? answerNextConfirm(this.page, true) : answerNextConfirm(this.page, false);
    await this.region.getByRole('button', { name: `删除类别：${this.title}`, exact: true }).click();
    return answered;
  }

  async rename(newTitle) {
    await this.region.getByRole('button', { name: `改名类别：${this.title}`, exact: true }).click();
    await this.region.getByLabel('类别名称', { exact: true }).fill(newTitle);
    await this.region.getByRole('button', { name: '保存类别名称', exact: true }).click();
    const main = this.page.getByRole('main');
    return new CategorySection(this.page, main.getByRole('region', { name: newTitle, exact: true }), newTitle);
  }
}

/** One problem row (an article): toggle button, status badge, warning light. */
export class ProblemRow {
  constructor(page, article) {
    this.page = page;
    this.article = article;
    this.toggle = article.getByRole('button', { name: anyNumber });
    // the badge precedes the editor (whose 整改状态 options carry the same words)
    this.status = article.getByText(/^(未启动|整改中|已完成|长期坚持)$/).first();
    this.light = article.getByLabel(/^(红灯|黄灯|绿灯)$/);
    this.editor = new ProblemEditor(page, article.getByRole('group', { name: '问题详情' }));
  }

  /** The row's summary text (number, description, status, deadline, departments · owner),
   *  read as a person does: scrolled into view first (rows out of view are not laid out, so
   *  they have no rendered text). */
  async summary() {
    const row = this.article.locator(':scope > :first-child');
    await row.scrollIntoViewIfNeeded();
    return textOf(row);
  }

  async lightLabel() {
    return this.light.getAttribute('aria-label', { timeout: 2000 });
  }

  async open() {
    if ((await this.toggle.getAttribute('aria-expanded')) !== 'true') await this.toggle.click();
    await this.editor.group.waitFor();
    return this.editor;
  }
}

/** The open editor of one problem (role=group “问题详情”). */
export class ProblemEditor {
  constructor(page, group) {
    this.page = page;
    this.group = group;
    this.progressLog = group.getByRole('region', { name: '进展记录', exact: true });
    this.progressEntries = this.progressLog.getByRole('listitem');
  }

  /** A textarea or input by its label (问题表现, 原因分析, 责任人, 整改时限, …). */
  field(label) {
    return this.group.getByLabel(label, { exact: true });
  }

  select(label) {
    return this.group.getByLabel(new RegExp(`^\\s*${escape(label)}`));
  }

  /** Type into a text area (saved as one types). */
  async write(label, text) {
    await this.field(label).fill(text);
  }

  /** Fill a one-line field and leave it (saved on change). Dates as YYYY-MM-DD. */
  async set(label, value) {
    const input = this.field(label);
    await input.fill(value);
    await input.press('Tab');
  }

  /**
   * Type with a Chinese input method into a text area: the pinyin `steps` are composed
   * (as a person types g-u-a-n), then `committed` is chosen from the candidates.
   * Uses Chromium's IME emulation over CDP. Leaves the composition committed.
   */
  async typeWithInputMethod(label, steps, committed, { whileComposing } = {}) {
    const field = this.field(label);
    await field.focus();
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      for (const text of steps) {
        await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      }
      if (whileComposing) await whileComposing();
      await cdp.send('Input.insertText', { text: committed });
    } finally {
      await cdp.detach().catch(() => {});
    }
  }

  async setStatus(label) {
    await this.select('整改状态').selectOption({ label });
  }

  async setCategory(title) {
    await this.select('所属类别').selectOption({ label: title });
  }

  rule(title) {
    return this.group.getByRole('checkbox', { name: `《${title}》` });
  }

  async addProgress(date, text) {
    if (date) await this.progressLog.getByLabel('进展日期', { exact: true }).fill(date);
    await this.progressLog.getByLabel('进展内容', { exact: true }).fill(text);
    await this.progressLog.getByRole('button', { name: '添加进展', exact: true }).click();
  }

  button(name) {
    return this.group.getByRole('button', { name, exact: true });
  }

  async moveUp() {
    await this.button('上移问题').click();
  }

  async moveDown() {
    await this.button('下移问题').click();
  }

  /** Click 删除问题 and answer the confirm; resolves to the confirm's message. */
  async delete({ accept = true } = {}) {
    const answered = answerNextConfirm(this.page, accept);
    await this.button('删除问题').click();
    return answered;
  }

  async collapse() {
    await this.button('收起').click();
  }
}

/** 建章立制: register rules, a table of them. */
export class RulesPage {
  constructor(page, header) {
    this.page = page;
    this.header = header;
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { name: '建章立制', level: 2 });
    this.form = this.main.locator('form');
    this.table = this.main.getByRole('table');
    this.rows = this.table.getByRole('row').filter({ has: page.getByRole('cell') });
  }

  async open() {
    await this.header.show('建章立制');
    await this.heading.waitFor();
  }

  async register(title, { kind = '新建', date } = {}) {
    await this.form.getByLabel('制度名称', { exact: true }).fill(title);
    await this.form.getByLabel(/^\s*类型/).selectOption({ label: kind });
    if (date) await this.form.getByLabel('印发日期', { exact: true }).fill(date);
    await this.form.getByRole('button', { name: '登记制度', exact: true }).click();
  }

  /** The titles in the table, in order (each is an editable textbox in its row). */
  async titles() {
    return this.rows.getByRole('textbox', { name: /^第\d+项的制度名称$/ }).evaluateAll((inputs) => inputs.map((i) => i.value));
  }

  /** The row at `i` (0-based). */
  row(i) {
    return this.rows.nth(i);
  }
}

/** 台账信息: the ledger's meta fields. */
export class InfoPage {
  constructor(page, header) {
    this.page = page;
    this.header = header;
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { name: '台账信息', level: 2 });
  }

  async open() {
    await this.header.show('台账信息');
    await this.heading.waitFor();
  }

  field(label) {
    return this.main.getByLabel(label, { exact: true });
  }

  async set(label, value) {
    const input = this.field(label);
    await input.fill(value);
    await input.press('Tab');
  }
}

/** 台账管理: the ledgers kept in this browser. */
export class LedgersPage {
  constructor(page, header) {
    this.page = page;
    this.header = header;
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { name: '台账管理', level: 2 });
    this.table = this.main.getByRole('table');
    this.rows = this.table.getByRole('row').filter({ has: page.getByRole('cell') });
    this.nameInput = this.main.getByLabel('新台账名称', { exact: true });
    this.createButton = this.main.getByRole('button', { name: '新建台账', exact: true });
  }

  async open() {
    await this.header.show('台账管理');
    await this.heading.waitFor();
  }

  row(name) {
    return this.rows.filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  /** Names in the table, in order. */
  async names() {
    const texts = await this.rows.evaluateAll((rows) => rows.map((r) => r.cells[0]?.innerText.trim() ?? ''));
    return texts;
  }

  async createLedger(name) {
    await this.nameInput.fill(name);
    await this.createButton.click();
  }

  async openLedger(name) {
    await this.row(name).getByRole('button', { name: `打开“${name}”`, exact: true }).click();
  }

  async rename(name, newName) {
    await this.row(name).getByRole('button', { name: `重命名“${name}”`, exact: true }).click();
    const input = this.table.getByRole('textbox', { name: '台账新名称', exact: true });
    await input.fill(newName);
    await this.table.getByRole('button', { name: '保存名称', exact: true }).click();
  }

  /** Click 删除 on a row and answer the confirm; resolves to the confirm's message. */
  async delete(name, { accept = true } = {}) {
    const answered = answerNextConfirm(this.page, accept);
    await this.row(name).getByRole('button', { name: `删除“${name}”`, exact: true }).click();
    return answered;
  }
}
