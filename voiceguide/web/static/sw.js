// voiceguide's service worker: keeps the tracks a person opened for offline play, so a
// track plays on the floor with no network. It keeps only two things: the page's shell
// (its style, scripts, icons and manifest) and the files of a track whose page asked for
// it (its page, MP3, timeline, captions, sheet). Nothing else is stored.
//
// The server decides first: every request goes to the network, and the cache answers only
// when the network cannot (or the server no longer has the track, after a restart). A
// refusal (403: no access token) is passed on as it is, never replaced from the cache, and
// nothing but a full 200 answer is ever stored. Keys never hold the access token.
"use strict";

const SHELL = "voiceguide-shell-v1";
const TRACKS = "voiceguide-tracks-v1";
const KEPT = "/__voiceguide-kept__"; // the kept tracks' ids, newest first, in TRACKS
const KEEP = 6; // tracks kept; the oldest goes when a seventh is kept
const SHELL_FILES = [
  "/static/app.css",
  "/static/app.js",
  "/static/follow.js",
  "/static/icons/icon-192.png",
  "/static/icons/icon-512.png",
  "/manifest.webmanifest",
];

// A request's key in the caches: same address, without the access token.
function key(url) {
  const address = new URL(url, self.location.origin);
  address.searchParams.delete("token");
  address.hash = "";
  return address.pathname + address.search;
}

// Each file whole, or an error: read at once, so that no answer holds a connection open
// while the next is asked for (a browser has only a few per server).
async function fetchAll(urls) {
  const answers = [];
  for (const url of urls) {
    const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
    if (response.status !== 200) throw new Error(url + ": " + response.status);
    const body = await response.blob();
    const headers = { "Content-Type": response.headers.get("Content-Type") || "application/octet-stream" };
    answers.push([key(url), new Response(body, { status: 200, headers: headers })]);
  }
  return answers;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      for (const [name, response] of await fetchAll(SHELL_FILES)) await cache.put(name, response);
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name !== SHELL && name !== TRACKS) await caches.delete(name);
      }
      await self.clients.claim();
    })()
  );
});

async function keptList(cache) {
  const found = await cache.match(KEPT);
  return found ? await found.json() : [];
}

// Keep one track: all of its files or none of them; the oldest beyond KEEP go.
async function keep(job, files) {
  const cache = await caches.open(TRACKS);
  const answers = await fetchAll(files);
  for (const [name, response] of answers) await cache.put(name, response);
  let kept = await keptList(cache);
  kept = [{ job: job, files: answers.map(([name]) => name) }, ...kept.filter((k) => k.job !== job)];
  for (const old of kept.slice(KEEP)) {
    for (const name of old.files) await cache.delete(name);
  }
  kept = kept.slice(0, KEEP);
  await cache.put(KEPT, new Response(JSON.stringify(kept), { headers: { "Content-Type": "application/json" } }));
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep" || typeof data.job !== "string" || !Array.isArray(data.files)) return;
  // Only this server's own track files and track page, by their paths.
  const files = data.files.filter((url) => {
    const path = new URL(url, self.location.origin);
    return path.origin === self.location.origin && (path.pathname.startsWith("/files/" + data.job + "/") || path.pathname === "/track/" + data.job);
  });
  event.waitUntil(
    keep(data.job, files).then(
      () => event.source && event.source.postMessage({ type: "kept", job: data.job, ok: true }),
      (err) => event.source && event.source.postMessage({ type: "kept", job: data.job, ok: false, why: String(err) })
    )
  );
});

// A cached answer to a request for part of a file (the player seeks with Range requests).
async function part(response, range) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(range || "");
  if (!match) return response;
  const body = await response.blob();
  const size = body.size;
  let start = match[1] === "" ? size - Number(match[2]) : Number(match[1]);
  let end = match[1] === "" || match[2] === "" ? size - 1 : Number(match[2]);
  start = Math.max(0, start);
  end = Math.min(end, size - 1);
  if (start > end) {
    return new Response(null, { status: 416, headers: { "Content-Range": "bytes */" + size } });
  }
  return new Response(body.slice(start, end + 1), {
    status: 206,
    headers: {
      "Content-Type": response.headers.get("Content-Type") || "application/octet-stream",
      "Content-Range": "bytes " + start + "-" + end + "/" + size,
      "Content-Length": String(end - start + 1),
      "Accept-Ranges": "bytes",
    },
  });
}

async function fromCache(request, cacheName) {
  const cache = await caches.open(cacheName);
  const found = await cache.match(key(request.url));
  if (!found) return null;
  return request.headers.has("range") ? part(found, request.headers.get("range")) : found;
}

async function networkFirst(request, cacheName) {
  try {
    const response = await fetch(request);
    // A track the server no longer has (it restarted) still plays from here; every other
    // answer, a refusal above all, is the server's.
    if (response.status !== 404) return response;
    return (await fromCache(request, cacheName)) || response;
  } catch (err) {
    const cached = await fromCache(request, cacheName);
    if (cached) return cached;
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/files/") || url.pathname.startsWith("/track/")) {
    event.respondWith(networkFirst(request, TRACKS));
  } else if (SHELL_FILES.includes(url.pathname)) {
    event.respondWith(networkFirst(request, SHELL));
  }
});
