// voiceguide's page: the plan as settings change, builds with progress, the player,
// profiles, and drafts from an article. Plain JavaScript; the server does the work.
"use strict";

(function () {
  const $ = (selector, root) => (root || document).querySelector(selector);

  function debounce(fn, ms) {
    let timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  async function answer(response) {
    try {
      return await response.json();
    } catch (err) {
      return { message: "the server answered " + response.status, errors: {}, problems: [] };
    }
  }

  async function postJSON(url, data) {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(data),
      });
      return { ok: response.ok, body: await answer(response) };
    } catch (err) {
      return { ok: false, body: { message: "the server cannot be reached; is it still running?", errors: {} } };
    }
  }

  async function postForm(url, form) {
    try {
      const response = await fetch(url, { method: "POST", body: form });
      return { ok: response.ok, body: await answer(response) };
    } catch (err) {
      return { ok: false, body: { message: "the server cannot be reached; is it still running?", errors: {} } };
    }
  }

  // A message as a sentence: one full stop at its end, never two.
  function sentence(text) {
    return /[.!?]$/.test(text) ? text : text + ".";
  }

  // A length as people say it, to the second (wording.py's `length`): "45 s", "10 min 4 s".
  function length(seconds, about) {
    const whole = Math.max(0, Math.round(seconds));
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const secs = whole % 60;
    let text;
    if (hours) text = minutes ? hours + " h " + minutes + " min" : hours + " h";
    else if (minutes) text = secs ? minutes + " min " + secs + " s" : minutes + " min";
    else text = secs + " s";
    return about ? "about " + text : text;
  }

  // A place in a track, as a player shows it (wording.py's `at`): "2:34".
  function at(seconds) {
    const whole = Math.max(0, Math.floor(seconds));
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const secs = String(whole % 60).padStart(2, "0");
    return hours ? hours + ":" + String(minutes).padStart(2, "0") + ":" + secs : minutes + ":" + secs;
  }

  // Show each error beside its field (or at the top when no field has it); clear the rest.
  function showErrors(root, errors, fallback) {
    root.querySelectorAll("p.error").forEach((p) => {
      p.hidden = true;
      p.textContent = "";
    });
    root.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
    let first = null;
    for (const [name, message] of Object.entries(errors || {})) {
      const place = document.getElementById("error-" + name) || fallback;
      if (!place) continue;
      place.textContent = (place.textContent ? place.textContent + " " : "") + message;
      place.hidden = false;
      const input = document.getElementById(name);
      if (input) {
        input.setAttribute("aria-invalid", "true");
        first = first || input;
      }
    }
    return first;
  }

  function fields(form) {
    const data = {};
    for (const el of form.elements) {
      if (!el.name || el.type === "file" || el.type === "button" || el.type === "submit") continue;
      if (el.type === "radio" && !el.checked) continue;
      data[el.name] = el.type === "checkbox" ? (el.checked ? "true" : "false") : el.value;
    }
    if (form.dataset.slug) data.slug = form.dataset.slug;
    return data;
  }

  function fillList(list, items, render) {
    list.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement("li");
        render(li, item);
        return li;
      })
    );
  }

  // ---- files kept: a download made here, so that a mistake stands beside its field --------
  function saveFile(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // A file from `url`, saved under the name its answer gives; a refusal beside `place`.
  async function download(url, place) {
    let response;
    try {
      response = await fetch(url);
    } catch (err) {
      place.textContent = "The server cannot be reached; is it still running?";
      place.hidden = false;
      return;
    }
    const text = await response.text();
    if (!response.ok) {
      place.textContent = sentence(text.trim().split("\n")[0] || "the server answered " + response.status);
      place.hidden = false;
      return;
    }
    place.hidden = true;
    const named = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") || "");
    saveFile(named ? named[1] : "routine.yaml", text);
  }

  // Links that save a file: fetched, so a refusal shows beside them rather than as a page.
  function savedByFetch(link, place) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      download(link.href, place);
    });
  }

  // "Make a programme": its fields (with `more`, the routine's), then its own page.
  function makeProgramme(form, more) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = $("#make-programme-button");
      button.disabled = true;
      $("#make-status").textContent = "Making the programme.";
      const sent = await postJSON("/api/make-programme", Object.assign(more(), fields(form)));
      button.disabled = false;
      if (!sent.ok) {
        const first = showErrors(form, sent.body.errors, $("#error-make-programme"));
        $("#make-status").textContent = "No programme: " + sentence(sent.body.message || "see the fields marked");
        if (first) first.focus();
        return;
      }
      $("#make-status").textContent = "Made; opening its page.";
      location.href = sent.body.url;
    });
  }

  // A file chosen in `input` sent to `url`; `done` takes the answer, a refusal stands beside it.
  function loadFile(input, url, done) {
    input.addEventListener("change", async () => {
      const file = input.files[0];
      if (!file) return;
      const upload = new FormData();
      upload.append("file", file);
      const sent = await postForm(url, upload);
      const place = $("#error-" + input.id);
      if (!sent.ok) {
        const errors = Object.keys(sent.body.errors || {}).length ? sent.body.errors : { [input.id]: sent.body.message };
        showErrors(input.form || input.parentElement, errors, place);
        return;
      }
      place.hidden = true;
      input.removeAttribute("aria-invalid");
      done(sent.body);
    });
  }

  // ---- the plan -------------------------------------------------------------------------
  function showPlan(plan) {
    const total = $("#total-length");
    total.textContent = length(plan.seconds, !plan.exact);
    total.dataset.seconds = plan.seconds;
    total.dataset.exact = plan.exact ? "true" : "false";
    $("#plan-status").textContent = plan.exact
      ? "Exact lengths."
      : "Lengths estimated: some phrases are not spoken yet.";
    fillList($("#spoken"), plan.spoken, (li, line) => (li.textContent = line));
    // A warning beside its field (a language not the routine's own; a voice that does
    // not speak the language).
    for (const name of ["language", "voice"]) {
      const note = $("#note-" + name);
      if (!note) continue;
      note.textContent = (plan.notes && plan.notes[name]) || "";
      note.hidden = !note.textContent;
    }
    fillList($("#exercise-times"), plan.exercises, (li, ex) => {
      li.dataset.slug = ex.slug;
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = ex.name;
      const start = document.createElement("span");
      start.className = "start";
      start.textContent = "at " + at(ex.start);
      const seconds = document.createElement("span");
      seconds.className = "seconds";
      seconds.textContent = length(ex.seconds);
      li.append(name, " ", start, " · ", seconds);
    });
    // Each exercise's own length, beside its fields.
    for (const ex of plan.exercises) {
      const place = document.getElementById("length-" + ex.slug);
      if (place) place.textContent = length(ex.seconds, !plan.exact);
    }
  }

  // ---- builds ---------------------------------------------------------------------------
  const built = []; // this page's finished jobs, for the zip of all of them
  const STAGES = {
    queued: "Waiting for a free core",
    start: "Starting",
    speaking: "Speaking new phrases",
    measuring: "Measuring loudness",
    encoding: "Mixing and encoding",
  };
  const RECENT = "voiceguide-builds"; // this browser's recent builds, newest first
  const MAX_RECENT = 8;

  function recentBuilds() {
    try {
      const list = JSON.parse(localStorage.getItem(RECENT) || "[]");
      return Array.isArray(list) ? list.filter((b) => b && /^[0-9a-f]{32}$/.test(b.id)) : [];
    } catch (err) {
      return [];
    }
  }

  function remember(build) {
    try {
      const list = [build, ...recentBuilds().filter((b) => b.id !== build.id)].slice(0, MAX_RECENT);
      localStorage.setItem(RECENT, JSON.stringify(list));
    } catch (err) {
      // A browser that keeps nothing (private mode, storage full) still builds.
    }
  }

  // The page's address with one query value set (or removed, given null), without reloading.
  function setParam(name, value) {
    const url = new URL(location.href);
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
    url.searchParams.delete("token"); // kept in its cookie; never in a link that is shared
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  }

  function status(text, failed) {
    const place = $("#build-status");
    place.textContent = text;
    place.classList.toggle("failed", Boolean(failed));
  }

  // The build panel in view: a bar on a phone, the top of the results column on a desktop.
  function panelInView(focus) {
    const panel = $("#audio");
    panel.classList.remove("idle");
    panel.classList.add("active");
    $("#progress-area").hidden = false;
    if (focus) panel.focus({ preventScroll: panel.classList.contains("dock") && innerWidth <= 760 });
    if (innerWidth > 760) panel.scrollIntoView({ block: "nearest" });
  }

  function showProgress(job) {
    const bar = $("#build-progress");
    let text = STAGES[job.stage] || job.stage;
    if (job.state === "queued" && job.waiting > 0) {
      text += ": " + job.waiting + " build" + (job.waiting === 1 ? "" : "s") + " before this one";
    }
    if (job.total > 0 && (job.stage === "speaking" || job.stage === "encoding")) {
      bar.max = job.total;
      bar.value = job.done;
      const unit = job.stage === "speaking" ? "phrases" : "seconds of audio";
      text += ": " + job.done + " of " + job.total + " " + unit;
    } else {
      bar.removeAttribute("value"); // indeterminate
    }
    status(text + ".", false);
  }

  function markChapter(audio, buttons) {
    const now = audio.currentTime;
    let current = -1;
    buttons.forEach((button, index) => {
      if (Number(button.dataset.start) <= now + 1e-3) current = index;
    });
    buttons.forEach((button, index) => {
      if (index === current) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    });
  }

  function showResult(job) {
    built.push(job);
    const bar = $("#build-progress");
    bar.max = 1;
    bar.value = 1;
    status("Built: " + job.title + ", " + length(job.seconds) + ".", false);
    const open = $("#open-track");
    open.href = "/track/" + job.id;
    $("#open-track-line").hidden = false;
    const result = $("#result");
    $("#built").hidden = false;
    const audio = document.createElement("audio");
    audio.id = "player";
    audio.controls = true;
    audio.preload = "metadata";
    audio.src = job.mp3;
    if (job.vtt) {
      const track = document.createElement("track");
      track.kind = "captions";
      track.default = true;
      track.srclang = "en";
      track.label = "Captions";
      track.src = job.vtt;
      audio.append(track);
    }
    const heading = document.createElement("h3");
    heading.textContent = "Chapters";
    const chapters = document.createElement("ol");
    chapters.id = "chapters";
    chapters.className = "chapters";
    fillList(chapters, job.chapters, (li, chapter) => {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.start = chapter.start;
      const title = document.createElement("span");
      title.className = "title";
      title.textContent = chapter.title;
      const place = document.createElement("span");
      place.className = "at";
      place.textContent = at(chapter.start);
      button.append(title, " ", place);
      li.append(button);
    });
    const buttons = [...chapters.querySelectorAll("button")];
    chapters.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-start]");
      if (!button) return;
      audio.currentTime = Number(button.dataset.start);
      audio.play().catch(() => {});
      markChapter(audio, buttons);
    });
    audio.addEventListener("timeupdate", () => markChapter(audio, buttons));
    const links = document.createElement("p");
    links.className = "downloads";
    const mp3 = document.createElement("a");
    mp3.id = "download-mp3";
    mp3.href = job.mp3;
    mp3.setAttribute("download", "");
    mp3.textContent = "Download the MP3";
    const zip = document.createElement("a");
    zip.id = "download-zip";
    zip.setAttribute("download", "");
    if (built.length > 1) {
      zip.href = "/api/zip?jobs=" + built.map((b) => b.id).join(",");
      zip.textContent = "Download all " + built.length + " tracks built here, with a playlist (zip)";
    } else {
      zip.href = job.zip;
      zip.textContent = "Download the track, captions and playlist (zip)";
    }
    links.append(mp3, " ", zip);
    const notes = document.createElement("ul");
    notes.className = "notes";
    fillList(notes, job.notes || [], (li, note) => (li.textContent = note));
    // A programme's week of several sessions: the other tracks, each with its page.
    const others = document.createElement("ul");
    others.className = "other-tracks";
    fillList((others), (job.tracks || []).slice(1), (li, track) => {
      const player = document.createElement("audio");
      player.controls = true;
      player.preload = "metadata";
      player.src = track.mp3;
      const link = document.createElement("a");
      link.href = "/track/" + job.id + "?n=" + (job.tracks.indexOf(track) + 1);
      link.textContent = track.title + " (" + length(track.seconds) + "): play and follow along";
      li.append(player, " ", link);
    });
    // On the network, the track's own page for a phone: its QR code.
    const phone = document.createElement("div");
    if ($("#audio").dataset.lan === "true") {
      const told = document.createElement("p");
      told.textContent = "Scan the code with a phone on the same Wi-Fi to play and follow this track there.";
      const code = document.createElement("img");
      code.id = "track-qr";
      code.className = "qr";
      code.src = "/track/" + job.id + "/qr.svg";
      code.alt = "QR code that opens this track on a phone";
      code.width = 240;
      code.height = 240;
      phone.append(told, code);
    }
    result.replaceChildren(audio, heading, chapters, links, others, phone, notes);
    // Every phrase is in the cache now: the plan can say exact lengths.
    document.dispatchEvent(new CustomEvent("voiceguide:built"));
  }

  function follow(id, button) {
    const poll = async () => {
      let job;
      try {
        const response = await fetch("/api/jobs/" + id);
        job = await answer(response);
        if (!response.ok) {
          const gone = response.status === 404;
          status(gone ? "That build is gone: the server has restarted since. Build again." : "Build failed: " + sentence(job.message || "the server lost it"), !gone);
          if (gone) setParam("build", null);
          if (button) button.disabled = false;
          return;
        }
      } catch (err) {
        status("Build failed: the server cannot be reached.", true);
        if (button) button.disabled = false;
        return;
      }
      if (job.state === "done") {
        job.id = id;
        showResult(job);
        if (button) button.disabled = false;
      } else if (job.state === "failed") {
        status("Build failed: " + sentence(job.message), true);
        $("#build-progress").value = 0;
        if (button) button.disabled = false;
      } else {
        showProgress(job);
        setTimeout(poll, 400);
      }
    };
    poll();
  }

  async function startBuild(data, button, errorsRoot, fallback, url) {
    button.disabled = true;
    panelInView(true);
    status("Sending the build.", false);
    const sent = await postJSON(url || "/api/build", data);
    if (!sent.ok) {
      const first = showErrors(errorsRoot, sent.body.errors, fallback);
      status("Build failed: " + sentence(sent.body.message || "see the fields marked"), true);
      button.disabled = false;
      if (first) first.focus();
      return sent.body;
    }
    const id = sent.body.job;
    setParam("build", id);
    const title = (document.querySelector("h1") || {}).textContent || "A track";
    const page = new URL(location.href);
    page.searchParams.delete("build");
    remember({ id: id, title: title, page: page.pathname + page.search, when: Date.now() });
    follow(id, button);
    return null;
  }

  // A build this page started before a reload or Back: followed again from its id.
  function resumeBuild(button) {
    const id = new URL(location.href).searchParams.get("build");
    if (!id || !/^[0-9a-f]{32}$/.test(id)) return;
    panelInView(false);
    status("Finding the last build.", false);
    follow(id, button);
  }

  // ---- the routine list: this browser's recent builds ------------------------------------
  async function recentList(section) {
    const builds = recentBuilds();
    if (!builds.length) return;
    const list = $("#recent-builds");
    const items = [];
    for (const build of builds) {
      let state = "gone";
      try {
        const response = await fetch("/api/jobs/" + build.id);
        if (response.ok) state = (await response.json()).state;
      } catch (err) {
        state = "unknown";
      }
      items.push([build, state]);
    }
    fillList(list, items, (li, [build, state]) => {
      const when = new Date(build.when || 0);
      if (state === "done" || state === "unknown") {
        const link = document.createElement("a");
        link.href = "/track/" + build.id;
        link.textContent = build.title;
        li.append(link);
      } else {
        li.append(build.title);
      }
      const note = { queued: "waiting to build", running: "building", failed: "did not build", gone: "gone: the server restarted since" }[state];
      const time = document.createElement("span");
      time.className = "when";
      time.textContent = " · " + when.toLocaleString([], { dateStyle: "short", timeStyle: "short" }) + (note ? " · " + note : "");
      li.append(time);
    });
    section.hidden = false;
  }

  // ---- a routine's page -----------------------------------------------------------------
  // The voice list: named voices first; "All voices…" puts every installed one there.
  function allVoices(voice) {
    const all = $("#all-voices");
    const choice = voice.querySelector("option[data-all]");
    if (!all || !choice) return;
    const chosen = voice.value;
    choice.remove();
    const group = document.createElement("optgroup");
    group.label = "All voices";
    group.append(all.content.cloneNode(true));
    // One of each: a voice shown already (the one chosen) is not listed twice.
    const shown = new Set([...voice.options].map((o) => o.value));
    group.querySelectorAll("option").forEach((o) => shown.has(o.value) && o.remove());
    voice.append(group);
    voice.value = chosen;
  }

  // Set a field by name as a person would: a radio's choice, a box ticked, a voice from
  // the whole list.
  function setField(form, name, value) {
    const field = form.elements.namedItem(name);
    if (!field || field.type === "file") return false;
    if (field.type === "checkbox") field.checked = value === "true";
    else if (field.id === "voice" && ![...field.options].some((o) => o.value === value)) {
      allVoices(field);
      field.value = value;
    } else field.value = value;
    return true;
  }

  // The fields that differ from the routine's own values, for the page's address.
  function changedFields(form) {
    const changed = new URLSearchParams();
    for (const el of form.elements) {
      if (!el.name || el.dataset.default === undefined) continue;
      if (el.type === "radio") {
        if (el.checked && el.dataset.default !== "true") changed.set(el.name, el.value);
      } else if (el.type === "checkbox") {
        const now = el.checked ? "true" : "false";
        if (now !== el.dataset.default) changed.set(el.name, now);
      } else if (el.value !== el.dataset.default) changed.set(el.name, el.value);
    }
    return changed;
  }

  function routinePage(form) {
    const saved = $("#save-profile");
    const base = saved.getAttribute("href");
    const savedRoutine = $("#save-routine");
    const routineBase = savedRoutine.getAttribute("href");
    savedByFetch(savedRoutine, $("#error-save-routine"));
    savedByFetch($("#save-written"), $("#error-save-routine"));
    makeProgramme($("#make-programme"), () => fields(form));
    const language = $("#language");
    const voice = $("#voice");
    // Settings live in the address: a link (or a reload) gives them again.
    const given = new URL(location.href).searchParams;
    let restored = false;
    for (const [name, value] of given) {
      if (name !== "build" && name !== "token" && setField(form, name, value)) restored = true;
    }
    let asked = 0; // the newest plan asked for: an older answer arriving late is dropped
    const refresh = async () => {
      const mine = ++asked;
      const data = fields(form);
      const query = new URLSearchParams(data);
      query.delete("slug");
      saved.href = base + "?" + query.toString();
      savedRoutine.href = routineBase + "?" + query.toString();
      const changed = changedFields(form);
      const build = new URL(location.href).searchParams.get("build");
      if (build) changed.set("build", build);
      const address = location.pathname + (changed.toString() ? "?" + changed.toString() : "");
      if (address !== location.pathname + location.search) history.replaceState(history.state, "", address);
      const sent = await postJSON("/api/plan", data);
      if (mine !== asked) return;
      showErrors(form, sent.ok ? {} : sent.body.errors, $("#error-settings"));
      if (sent.ok) showPlan(sent.body);
      else $("#plan-status").textContent = "The plan waits for the values marked.";
    };
    const later = debounce(refresh, 300);
    voice.addEventListener("change", () => {
      if (voice.selectedOptions[0] && voice.selectedOptions[0].dataset.all) {
        voice.value = voice.dataset.chosen || voice.options[0].value;
        allVoices(voice);
        voice.focus();
      }
      voice.dataset.chosen = voice.value;
    });
    voice.dataset.chosen = voice.value;
    // The voice follows the language, as the language's own voice, unless one was chosen.
    let spoken = language.selectedOptions[0].dataset.voice;
    language.addEventListener("change", () => {
      const next = language.selectedOptions[0].dataset.voice;
      if (voice.value === spoken && [...voice.options].some((o) => o.value === next)) voice.value = next;
      voice.dataset.chosen = voice.value;
      spoken = next;
    });
    document.addEventListener("voiceguide:built", refresh);
    form.addEventListener("input", (event) => {
      if (event.target.type !== "file") later();
    });
    form.addEventListener("change", (event) => {
      if (event.target.type !== "file") later();
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    $("#build").addEventListener("click", () =>
      startBuild(fields(form), $("#build"), form, $("#error-settings"))
    );
    $("#load-profile").addEventListener("change", async (event) => {
      const file = event.target.files[0];
      if (!file) return;
      const upload = new FormData();
      upload.append("slug", form.dataset.slug);
      upload.append("file", file);
      const sent = await postForm("/api/profile", upload);
      const notes = $("#profile-notes");
      if (!sent.ok) {
        showErrors(form, sent.body.errors || { "load-profile": sent.body.message }, $("#error-load-profile"));
        fillList(notes, (sent.body.problems || []).slice(1), (li, line) => (li.textContent = line));
        return;
      }
      for (const [name, value] of Object.entries(sent.body.values)) setField(form, name, value);
      fillList(notes, sent.body.notes, (li, line) => (li.textContent = line));
      refresh();
    });
    if (restored) refresh();
    resumeBuild($("#build"));
  }

  // ---- a programme's page ---------------------------------------------------------------
  function programmePage(form) {
    form.addEventListener("submit", (event) => event.preventDefault());
    const patient = $("#patient");
    patient.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = $("#patient-button");
      button.disabled = true;
      $("#patient-status").textContent = "Making the patient's programme.";
      const sent = await postJSON("/api/patient", fields(patient));
      button.disabled = false;
      if (!sent.ok) {
        const first = showErrors(patient, sent.body.errors, $("#error-patient-values"));
        $("#patient-status").textContent = "Not made: " + sentence(sent.body.message || "see the fields marked");
        if (first) first.focus();
        return;
      }
      $("#patient-status").textContent = "Made; opening its page.";
      location.href = sent.body.url;
    });
    $("#build").addEventListener("click", () =>
      startBuild(fields(form), $("#build"), form, $("#error-settings"), "/api/build-week")
    );
    resumeBuild($("#build"));
  }

  // ---- the article page -----------------------------------------------------------------
  function articlePage(form) {
    const draft = $("#draft-yaml");
    const choice = $("#draft-choice");
    let drafts = [];
    const problems = (lines) => fillList($("#problems"), lines || [], (li, line) => (li.textContent = line));

    $("#compile").addEventListener("click", async () => {
      const upload = new FormData();
      upload.append("text", $("#article-text").value);
      const file = $("#article-file").files[0];
      if (file) upload.append("file", file);
      $("#compile-status").textContent = "Reading the article.";
      const sent = await postForm("/api/compile", upload);
      const first = showErrors(form, sent.ok ? {} : sent.body.errors, $("#error-article-text"));
      if (!sent.ok) {
        $("#compile-status").textContent = "No draft: " + sentence(sent.body.message || "see above");
        if (first) first.focus();
        return;
      }
      drafts = sent.body.drafts;
      choice.replaceChildren(
        ...drafts.map((d, index) => new Option(d.title, String(index)))
      );
      $("#draft-choice-field").hidden = drafts.length < 2;
      draft.value = sent.body.yaml;
      problems([]);
      $("#compile-status").textContent =
        drafts.length > 1 ? "Made " + drafts.length + " drafts; the first is below." : "Made a draft; it is below.";
      // No focus move: #compile-status announces the draft, and focusing the box would
      // open a phone's keyboard over it.
    });
    choice.addEventListener("change", () => {
      draft.value = drafts[Number(choice.value)].yaml;
    });
    $("#validate").addEventListener("click", async () => {
      const sent = await postJSON("/api/validate", { yaml: draft.value });
      problems(sent.body.problems || [sent.body.message]);
      const count = (sent.body.problems || []).length;
      $("#validate-status").textContent = sent.body.ok
        ? sentence(sent.body.summary)
        : "The draft has " + count + (count === 1 ? " problem" : " problems") + ", listed below.";
    });
    $("#save-draft").addEventListener("click", async () => {
      const sent = await postJSON("/api/routine-file", { yaml: draft.value });
      problems(sent.body.problems || []);
      if (!sent.ok) {
        const count = (sent.body.problems || []).length;
        $("#validate-status").textContent = "Not saved: the draft has " + count + (count === 1 ? " problem" : " problems") + ", listed below.";
        return;
      }
      $("#validate-status").textContent = "Saved as " + sent.body.name + ".";
      saveFile(sent.body.name, sent.body.yaml);
    });
    loadFile($("#load-routine"), "/api/load-routine", (body) => {
      draft.value = body.yaml;
      problems([]);
      $("#validate-status").textContent = "Loaded " + body.title + "; it is below.";
    });
    makeProgramme($("#make-programme"), () => ({ yaml: draft.value }));
    $("#build-draft").addEventListener("click", async () => {
      // A draft's problems go to the list, as "Check the draft" shows them.
      const failed = await startBuild({ yaml: draft.value }, $("#build-draft"), $("#draft"), null);
      problems(failed ? failed.problems : []);
    });
    resumeBuild($("#build-draft"));
  }

  // ---- the app on this device: offline play -----------------------------------------------
  // The service worker keeps the shell and the tracks whose page was opened. Browsers run it
  // only on a secure page (this computer's own address, or HTTPS): elsewhere, download.
  async function keepOffline(track) {
    const place = $("#offline-status");
    if (!("serviceWorker" in navigator) || !window.isSecureContext) {
      place.textContent = "To play this track with no network, download the MP3: this browser keeps tracks offline only from a secure address.";
      return;
    }
    place.textContent = "Keeping this track on this device for offline play.";
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (!worker) return;
    const files = [track.dataset.mp3, track.dataset.timeline, track.dataset.vtt, track.dataset.sheet].filter(Boolean);
    files.push(location.pathname + location.search);
    navigator.serviceWorker.addEventListener("message", (event) => {
      const data = event.data || {};
      if (data.type !== "kept" || data.job !== track.dataset.job) return;
      place.textContent = data.ok
        ? "Kept on this device: it plays with no network."
        : "Could not keep this track for offline play; download the MP3 instead.";
      track.dataset.kept = data.ok ? "true" : "false";
    });
    worker.postMessage({ type: "keep", job: track.dataset.job, files: files });
  }

  function shareButton() {
    const button = $("#share");
    const link = $("#share-link");
    if (!button || !link) return;
    button.addEventListener("click", async () => {
      const url = link.value;
      if (navigator.share) {
        try {
          await navigator.share({ title: document.title, url: url });
          return;
        } catch (err) {
          // Cancelled, or not allowed here: copy it instead.
        }
      }
      link.select();
      try {
        await navigator.clipboard.writeText(url);
        button.textContent = "Link copied";
      } catch (err) {
        button.textContent = "Select the link above to copy it";
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const settings = $("#settings");
    if (settings) routinePage(settings);
    const article = $("#article");
    if (article) articlePage(article);
    const programme = $("#programme");
    if (programme) programmePage(programme);
    const recent = $("#recent");
    if (recent) recentList(recent);
    const loadProgramme = $("#load-programme");
    if (loadProgramme) loadFile(loadProgramme, "/api/load-programme", (body) => (location.href = body.url));
    if ("serviceWorker" in navigator && window.isSecureContext) {
      navigator.serviceWorker.register("/sw.js").catch(() => {});
    }
    const track = $("#track");
    if (track) {
      keepOffline(track);
      shareButton();
    }
  });
})();
