// 通报 → 下载 Word（.docx）: the example's bulletin as a Word file, named after the ledger,
// a zip package whose word/document.xml holds the header, the title and every paragraph of
// the bulletin's text (the .txt download) in order.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';

import { scenario, useBrowser } from './support/harness.mjs';
import { BulletinPage } from './support/bulletin-pages.mjs';

const env = useBrowser();

/** One file out of a zip archive, through its central directory (stored or deflated). */
function unzipEntry(zip, name) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a zip end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entry = zip.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

const unescapeXml = (s) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of each paragraph of a WordprocessingML part. */
const paragraphs = (xml) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) =>
    [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1])).join(''),
  );

test('通报 → 下载 Word（.docx） gives <ledger>-通报.docx with the whole bulletin', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { start, header, notices } = app;
  const bulletin = new BulletinPage(app.page, header);

  await start.openExample();
  await notices.infoText(/已打开示例台账/);
  const ledger = (await header.currentLedger()).trim();
  await bulletin.open();

  const word = await bulletin.download(bulletin.wordButton);
  assert.equal(word.fileName, `${ledger}-通报.docx`);
  assert.equal(word.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip package');
  const xml = unzipEntry(word.bytes, 'word/document.xml');
  assert.ok(xml, 'word/document.xml is in the package');
  assert.ok(unzipEntry(word.bytes, '[Content_Types].xml'), '[Content_Types].xml is in the package');

  const paras = paragraphs(xml);
  assert.equal(paras[0], '中共广州花都（清新）产业转移工业园委员会文件', 'the red header first');
  assert.equal(paras[1], '中共广州花都（清新）产业转移工业园委员会巡察反馈意见集中整改进展情况的通报', 'then the title');
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/, 'A4');

  // the same paragraphs, in the same order, as the plain-text download
  const text = await bulletin.download(bulletin.downloadButton);
  assert.equal(text.fileName, `${ledger}-通报.txt`);
  const blocks = text.bytes.toString('utf8').trim().split('\n\n');
  assert.deepEqual(paras, blocks);
  assert.equal(await notices.error.count(), 0, 'no error shown');
}));
