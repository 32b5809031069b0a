// Page object of 进度 (the progress view): its figures, each chart's region with its SVG and
// table, and the red/yellow list. Found by role and visible label, like pages.mjs.

import { textOf } from './until.mjs';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One chart: a region named by its heading, holding an SVG image and a table. */
export class ChartBlock {
  constructor(page, region) {
    this.page = page;
    this.region = region;
    this.image = region.getByRole('img');
    this.table = region.getByRole('table');
    this.bodyRows = this.table.locator('tbody').getByRole('row');
  }

  /** The row whose header cell reads `name`. */
  row(name) {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  /** The data cells of the row headed `name`, as texts. */
  async cells(name) {
    return (await this.row(name).getByRole('cell').allInnerTexts()).map((s) => s.trim());
  }

  /** The row headers in order (what the chart draws top to bottom). */
  async rowNames() {
    return (await this.bodyRows.getByRole('rowheader').allInnerTexts()).map((s) => s.trim());
  }

  /** The hover texts (`<title>`) of the SVG's bars, points and labels. */
  async tooltips() {
    return this.image.locator('title').allTextContents();
  }
}

/** 进度: the view reached by the 进度 tab. */
export class ProgressPage {
  constructor(page, header) {
    this.page = page;
    this.header = header;
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { level: 2, name: /整改进度$/ });
    this.figures = this.main.getByRole('term');
    this.byStatus = this.chart('按整改状态');
    this.byCategory = this.chart('按类别');
    this.byDepartment = this.chart('按责任部门');
    this.weekly = this.chart('每周完成数');
    this.cumulative = this.chart('累计完成与累计应完成');
    this.warnings = this.main.getByRole('region', { name: /^红灯、黄灯问题/ });
    this.warningRows = this.warnings.getByRole('table').locator('tbody').getByRole('row');
  }

  chart(name) {
    return new ChartBlock(this.page, this.main.getByRole('region', { name, exact: true }));
  }

  async open() {
    await this.header.show('进度');
    await this.heading.waitFor();
  }

  /** The value shown beside a figure's label (完成率 → "100%"). */
  figure(term) {
    return this.figures
      .filter({ hasText: new RegExp(`^\\s*${escape(term)}\\s*$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  /** Each red/yellow row as its cell texts: [预警, 编号, 问题, 责任人, 责任部门, 整改时限, 逾期/剩余]. */
  async warningTable() {
    const rows = [];
    for (const row of await this.warningRows.all()) {
      rows.push((await row.locator('th, td').allInnerTexts()).map((s) => s.trim()));
    }
    return rows;
  }

  /** Follow a red/yellow row's link to its problem. */
  async openWarning(title) {
    await this.warnings.getByRole('link', { name: title }).click();
  }

  async warningsHeading() {
    return textOf(this.warnings.getByRole('heading', { level: 3 }));
  }
}
