// Listening from here (issue 13, item 1), in the app and on a published page: a digest with
// source.media_url (the podcast sample) has a native player of the original that stays in view;
// a timestamp plays the original from its moment in the page (currentTime within 0.5 s) instead
// of leaving it, and the section being heard is marked. Without media_url nothing changes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { assertEventually, bothPages, openEpisode, readJson, setupSite, REPO, SEED_ID } from './helpers.mjs';

const ctx = setupSite();
const ID = 'small-models-big-bets';
const DIGEST = readJson(path.join(REPO, 'public', 'digests', `${ID}.json`));
/** How much of the original the generated audio covers: the timestamps tested fall inside it. */
const SECONDS = 600;

/** A WAV file of `seconds` of a quiet tone: 8 kHz, 8-bit mono. */
function tone(seconds) {
  const rate = 8000;
  const data = Buffer.alloc(rate * seconds);
  for (let i = 0; i < data.length; i++) data[i] = 128 + Math.round(8 * Math.sin((2 * Math.PI * 440 * i) / rate));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate, 28); // bytes per second
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const AUDIO = tone(SECONDS);

/** A page whose requests for the sample's media_url get the generated audio (no network). */
async function listeningPage(t) {
  const page = await ctx.newPage(t);
  const media = [];
  // Answered as media hosts answer: with byte ranges, without which a player cannot seek.
  await page.route(DIGEST.source.media_url, async (route) => {
    media.push(route.request().url());
    const range = /bytes=(\d+)-(\d*)/.exec((await route.request().allHeaders()).range ?? '');
    if (!range) {
      return route.fulfill({ status: 200, contentType: 'audio/wav', headers: { 'Accept-Ranges': 'bytes' }, body: AUDIO });
    }
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), AUDIO.length - 1) : AUDIO.length - 1;
    return route.fulfill({
      status: 206,
      contentType: 'audio/wav',
      headers: { 'Accept-Ranges': 'bytes', 'Content-Range': `bytes ${start}-${end}/${AUDIO.length}` },
      body: AUDIO.subarray(start, end + 1),
    });
  });
  page.media = media;
  return page;
}

test('the player is there, sticky, and fetches nothing before the reader plays', async (t) => {
  const page = await listeningPage(t);
  for (const [where, url] of bothPages(ctx, ID)) {
    await openEpisode(page, url);
    const player = page.locator('section.episode-player audio.player[controls]');
    assert.equal(await player.getAttribute('src'), DIGEST.source.media_url, where);
    assert.equal(await player.getAttribute('preload'), 'none', where);
    assert.deepEqual(page.media, [], `${where}: no media requested on load`);
    // Still in view after scrolling far down.
    await page.locator('section.section').last().evaluate((el) => el.scrollIntoView());
    const box = await page.locator('section.episode-player').boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 200, `${where}: the player stays at the top (${JSON.stringify(box)})`);
  }
  // Without media_url: no player, and timestamps still link out.
  await openEpisode(page, `${ctx.base}episodes/${SEED_ID}/`);
  assert.equal(await page.locator('.episode-player').count(), 0);
  assert.match(await page.locator('a.timestamp').first().getAttribute('href'), /youtube\.com/);
});

test('a timestamp plays the original from its moment in the page and marks the section heard', async (t) => {
  const page = await listeningPage(t);
  for (const [where, url] of bothPages(ctx, ID)) {
    await openEpisode(page, url);
    // The timestamps inside the generated audio, latest first (a seek back is a seek too).
    const stamps = await page.locator('article a.timestamp').evaluateAll((links) =>
      links.map((a, index) => ({ index, at: Number(a.href.split('t=').pop()) })));
    const inside = stamps.filter((s) => s.at > 0 && s.at < SECONDS - 5).sort((a, b) => b.at - a.at);
    assert.ok(inside.length >= 1, `${where}: timestamps to try: ${JSON.stringify(stamps)}`);
    for (const { index, at } of [inside[0], stamps.find((s) => s.at === 0) ?? inside.at(-1)]) {
      const before = page.url();
      await page.locator('article a.timestamp').nth(index).click();
      // (Before its first play the media loads first: the seek lands once it has.)
      await page.waitForFunction(() => !document.querySelector('.player').paused);
      await assertEventually(
        () => page.locator('.player').evaluate((audio, moment) => Math.abs(audio.currentTime - moment) < 0.5, at),
        true,
        `${where}: currentTime within 0.5 s of ${at}`,
      );
      assert.equal(page.url(), before, `${where}: the page stayed`);
      // The section heard: the last whose own timestamp has passed.
      const expected = await page.locator('section.section').evaluateAll((sections, now) => {
        const times = sections.map((s) => Number(s.querySelector('h3 .timestamp')?.href.split('t=').pop() ?? Infinity));
        return sections.filter((_, i) => times[i] <= now).at(-1)?.id ?? null;
      }, at);
      await assertEventually(
        () => page.locator('section.section.heard').evaluateAll((all) => all.map((s) => s.id)),
        expected ? [expected] : [],
        `${where}: the section heard at ${at}`,
      );
    }
    await page.locator('.player').evaluate((audio) => audio.pause());
  }
});
