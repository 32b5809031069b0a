// Page objects for the bulletin screens: 通报 (the printable pages) and 从通报导入.
// Like pages.mjs, they find things by role and visible label.

import { readFile } from 'node:fs/promises';

import { until } from './until.mjs';

/** 通报: the bulletin as A4 sheets, its counts and its print button. */
export class BulletinPage {
  constructor(page, header) {
    this.page = page;
    this.header = header;
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { name: '通报', exact: true, level: 2 });
    this.counts = this.main.getByLabel('通报中的统计数', { exact: true });
    this.preview = this.main.getByRole('document', { name: '通报预览' });
    this.sheets = this.preview.getByRole('article');
    this.printButton = this.main.getByRole('button', { name: '打印 / 存为 PDF', exact: true });
    // a select's label also holds its options' text
    this.basisSelect = this.main.getByLabel(/^\s*计数口径/);
    this.statedFiguresSelect = this.main.getByLabel(/^\s*原文写明的统计数字/);
    /** the figures the text states differ from the ledger's, until the person chooses */
    this.figuresDiffer = this.main.getByRole('note').filter({ hasText: /^通报原文的数字与台账不一致/ });
    this.statedKept = this.main.getByText(/^原文统计（整句保留原文）/);
    this.downloadButton = this.main.getByRole('button', { name: '下载全文（.txt）', exact: true });
    this.wordButton = this.main.getByRole('button', { name: '下载 Word（.docx）', exact: true });
  }

  async open() {
    await this.header.show('通报');
    await this.heading.waitFor();
  }

  sheet(n) {
    return this.preview.getByRole('article', { name: `第${n}页`, exact: true });
  }

  field(label) {
    return this.main.getByLabel(label, { exact: true });
  }

  async countsText() {
    return (await this.counts.innerText()).trim();
  }

  /** Click a download button and return the file it gives: `{ fileName, bytes }`. */
  async download(button) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    const bytes = await readFile(await download.path());
    return { fileName: download.suggestedFilename(), bytes };
  }

  /** The text of one sheet as a person reads it. */
  async sheetText(n) {
    return this.sheet(n).innerText();
  }
}

/** 从通报导入: paste or pick a bulletin text and make a ledger of it. */
export class BulletinImportPage {
  constructor(page) {
    this.page = page;
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { name: '从通报导入', exact: true, level: 2 });
    this.fileInput = this.main.getByLabel('选择文件（.docx、.txt）', { exact: true });
    this.textArea = this.main.getByLabel('通报全文', { exact: true });
    this.result = this.main.getByRole('status', { name: '识别结果' });
    this.alert = this.main.getByRole('alert');
    this.createButton = this.main.getByRole('button', { name: '创建台账', exact: true });
    /** shown while the text waits for the Web Worker's reading */
    this.reading = this.main.getByText('正在识别……', { exact: true });
  }

  /** From the start screen or 台账管理: the 从通报导入 button. */
  async open() {
    await this.main.getByRole('button', { name: '从通报导入', exact: true }).click();
    await this.heading.waitFor();
  }

  async pickFile(path) {
    await this.fileInput.setInputFiles(path);
    await until(async () => (await this.textArea.inputValue()).length > 0, 'the file to be read in');
  }

  async paste(text) {
    await this.textArea.fill(text);
  }

  /** A table read as 从 Excel 导入 reads one: its columns, and the problems it will import. */
  get columns() {
    return this.main.getByRole('table', { name: '列的对应关系' });
  }

  get tableProblems() {
    return this.main.getByRole('table', { name: '将导入的问题' });
  }

  /** The outline of what was recognised, as a tree. */
  get outline() {
    return this.result.getByRole('tree', { name: '识别出的结构' });
  }

  /** The select of a numbering level's role, by the level's marker ("（一）", "1."). */
  roleOf(marker) {
    return this.result.getByLabel(new RegExp(`^编号“${marker.replace(/[.()（）]/g, '\\$&')}”`));
  }

  async resultText() {
    return (await this.result.innerText()).trim();
  }
}
