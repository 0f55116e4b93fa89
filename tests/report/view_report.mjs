// tests/report/view_report.mjs: opens an HTML report in headless Chromium, as a person would,
// at a phone's width (390 px) and a laptop's (1280 px), and checks what they would see: the
// inconsistent check's chart is drawn (a non-empty box) inside the viewport, its verdict word
// is visible, the page is no wider than the screen and asks for nothing over the network.
// Screenshots go to OUT_DIR.
//
//   node view_report.mjs CHROMIUM REPORT.html OUT_DIR
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const [chromium, report, outDir] = process.argv.slice(2);
const failures = [];
const fail = (width, what) => failures.push(`${width} px: ${what}`);

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
});
try {
  for (const width of [390, 1280]) {
    const page = await browser.newPage();
    await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
    const outside = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) outside.push(request.url());
    });
    await page.goto(`file://${path.resolve(report)}`, { waitUntil: 'load' });
    await page.screenshot({ path: path.join(outDir, `report-${width}-top.png`) });
    const seen = await page.evaluate(() => {
      const box = (element) => {
        const r = element.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      const section = document.querySelector('section.check.v-inconsistent');
      if (!section) return { error: 'no inconsistent check in the report' };
      section.scrollIntoView({ block: 'start' });
      const chart = section.querySelector('svg.chart');
      const word = section.querySelector('h3 .verdict');
      if (!chart || !word) return { error: 'the inconsistent check has no chart or no verdict word' };
      const style = getComputedStyle(word);
      return {
        chart: box(chart),
        word: word.textContent,
        wordBox: box(word),
        wordShown: style.visibility === 'visible' && style.display !== 'none' && Number(style.opacity) > 0,
        viewport: { width: window.innerWidth, height: window.innerHeight },
        pageWidth: document.documentElement.scrollWidth,
      };
    });
    if (seen.error) {
      fail(width, seen.error);
      continue;
    }
    const { chart, viewport } = seen;
    if (!(chart.width > 0 && chart.height > 0)) fail(width, `the chart's box is empty: ${JSON.stringify(chart)}`);
    if (chart.x < 0 || chart.y < 0 || chart.x + chart.width > viewport.width + 0.5 || chart.y + chart.height > viewport.height + 0.5)
      fail(width, `the chart ${JSON.stringify(chart)} is not inside the viewport ${JSON.stringify(viewport)}`);
    if (!seen.word.includes('inconsistent')) fail(width, `the verdict reads '${seen.word}'`);
    if (!seen.wordShown || !(seen.wordBox.width > 0 && seen.wordBox.height > 0))
      fail(width, 'the verdict word is not visible');
    if (seen.pageWidth > viewport.width) fail(width, `the page is ${seen.pageWidth} px wide, wider than the screen`);
    if (outside.length > 0) fail(width, `the page asked for ${outside.join(', ')}`);
    const section = await page.$('section.check.v-inconsistent');
    await section.screenshot({ path: path.join(outDir, `report-${width}-inconsistent.png`) });
    console.log(`${width} px: chart ${Math.round(chart.width)}×${Math.round(chart.height)} at ` +
                `(${Math.round(chart.x)}, ${Math.round(chart.y)}), verdict '${seen.word}' shown`);
    await page.close();
  }
} finally {
  await browser.close();
}
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
