// The participant's page in a real browser at phone size: Debian's chromium, driven by
// playwright-core. Run by crates/fitcanvas-room/tests/room_browser.rs with the room's URL and a folder for the
// screenshots; it exits non-zero (with the reason on stderr) on any failed step.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, outDir] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function check(ok, what) {
  if (!ok) throw new Error('failed: ' + what);
}

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'fitcanvas-chromium-')), {
  executablePath, headless: true, args: flags,
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
});
context.setDefaultTimeout(15000);
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => console.error('page:', m.text()));
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  // Joined: the step the room is on and the spotlit area.
  await page.locator('#step').filter({ hasText: 'Step 2 of 7: Pains' }).waitFor();
  await page.locator('#spot h2').filter({ hasText: 'Pains' }).waitFor();
  // The shared timer counts down.
  const t1 = await page.locator('#timer').textContent();
  check(/^\d+:\d\d$/.test(t1), 'timer shows m:ss, got ' + t1);
  await page.waitForTimeout(1300);
  const t2 = await page.locator('#timer').textContent();
  check(t2 !== t1, 'timer runs: ' + t1 + ' then ' + t2);

  // Write a note into the open area.
  const field = page.getByLabel('Your note for Pains');
  await field.fill('Parking is a nightmare <b>really</b>');
  await page.getByRole('button', { name: 'Send note' }).click();
  await page.locator('#mine li').filter({ hasText: 'Parking is a nightmare <b>really</b> — waiting' }).waitFor();
  check(await page.locator('#mine b').count() === 0, 'participant text stays text');

  // Dot-vote within the budget, change one's mind.
  await page.getByRole('button', { name: 'Add a dot to: Slow checkout' }).click();
  await page.locator('#dots').filter({ hasText: '2 of 3 dots left' }).waitFor();
  await page.getByRole('button', { name: 'Add a dot to: Hidden fees' }).click();
  await page.locator('#dots').filter({ hasText: '1 of 3 dots left' }).waitFor();
  await page.getByRole('button', { name: 'Take a dot from: Hidden fees' }).click();
  await page.locator('#dots').filter({ hasText: '2 of 3 dots left' }).waitFor();

  // A half-typed note and the dots survive a reload (a phone waking up).
  await field.fill('Half typed');
  await page.screenshot({ path: join(outDir, 'room-phone-390.png') });
  await page.reload();
  await page.locator('#dots').filter({ hasText: '2 of 3 dots left' }).waitFor();
  check(await page.getByLabel('Your note for Pains').inputValue() === 'Half typed', 'draft kept');

  // 360 px wide: nothing runs off the side.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.waitForTimeout(200);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 360, 'fits 360 px, is ' + wide);
  await page.screenshot({ path: join(outDir, 'room-phone-360.png') });

  // The facilitator accepts the note, then undoes it: the page follows both. The display
  // name tells the test's room how far the page has got.
  const mineSays = (what) => page.locator('#mine li')
    .filter({ hasText: 'Parking is a nightmare <b>really</b> — ' + what });
  async function signal(name) {
    await page.getByLabel('Display name').fill(name);
    await page.getByRole('button', { name: 'Save name' }).click();
  }
  await page.locator('summary').filter({ hasText: 'Your name' }).click();
  await signal('ready');
  await mineSays('on the canvas').waitFor();
  await signal('seen');
  await mineSays('taken off the canvas').waitFor();
  console.log('phone ok');
} finally {
  await context.close();
}
