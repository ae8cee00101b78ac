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
      return { ok: false, body: { message: "the server cannot be reached; is voiceguide serve still running?", errors: {} } };
    }
  }

  async function postForm(url, form) {
    try {
      const response = await fetch(url, { method: "POST", body: form });
      return { ok: response.ok, body: await answer(response) };
    } catch (err) {
      return { ok: false, body: { message: "the server cannot be reached; is voiceguide serve still running?", errors: {} } };
    }
  }

  // A message as a sentence: one full stop at its end, never two.
  function sentence(text) {
    return /[.!?]$/.test(text) ? text : text + ".";
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

  // ---- the plan -------------------------------------------------------------------------
  function showPlan(plan) {
    const total = $("#total-length");
    total.textContent = plan.length;
    total.dataset.seconds = plan.seconds;
    $("#plan-status").textContent = plan.exact
      ? "Exact lengths."
      : "Lengths estimated: some phrases are not spoken yet.";
    fillList($("#spoken"), plan.spoken, (li, line) => (li.textContent = line));
    // A warning beside its field, as the CLI prints it (a language not the routine's own).
    const note = $("#note-language");
    if (note) {
      note.textContent = (plan.notes && plan.notes.language) || "";
      note.hidden = !note.textContent;
    }
    fillList($("#exercise-times"), plan.exercises, (li, ex) => {
      li.dataset.slug = ex.slug;
      li.textContent = ex.name + ": from " + ex.starts_at + ", " + ex.length + " long";
    });
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

  function status(text, failed) {
    const place = $("#build-status");
    place.textContent = text;
    place.classList.toggle("failed", Boolean(failed));
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

  function showResult(job) {
    built.push(job);
    const bar = $("#build-progress");
    bar.max = 1;
    bar.value = 1;
    status("Built: " + job.title + ", " + job.length + ".", false);
    const result = $("#result");
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
    fillList(chapters, job.chapters, (li, chapter) => {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.start = chapter.start;
      button.textContent = chapter.title;
      const at = document.createElement("span");
      at.className = "at";
      at.textContent = " " + chapter.at;
      li.append(button, at);
    });
    chapters.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-start]");
      if (!button) return;
      audio.currentTime = Number(button.dataset.start);
      audio.play().catch(() => {});
    });
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
    // A programme's week of several sessions: the other tracks, each with its player.
    const others = document.createElement("ul");
    others.className = "other-tracks";
    fillList(others, (job.tracks || []).slice(1), (li, track) => {
      const player = document.createElement("audio");
      player.controls = true;
      player.preload = "metadata";
      player.src = track.mp3;
      const link = document.createElement("a");
      link.href = track.mp3;
      link.setAttribute("download", "");
      link.textContent = "Download " + track.title + " (" + track.length + ")";
      li.append(player, " ", link);
    });
    result.replaceChildren(audio, heading, chapters, links, others, notes);
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
          status("Build failed: " + sentence(job.message || "the server lost it"), true);
          button.disabled = false;
          return;
        }
      } catch (err) {
        status("Build failed: the server cannot be reached.", true);
        button.disabled = false;
        return;
      }
      if (job.state === "done") {
        job.id = id;
        showResult(job);
        button.disabled = false;
      } else if (job.state === "failed") {
        status("Build failed: " + sentence(job.message), true);
        $("#build-progress").value = 0;
        button.disabled = false;
      } else {
        showProgress(job);
        setTimeout(poll, 400);
      }
    };
    poll();
  }

  async function startBuild(data, button, errorsRoot, fallback, url) {
    button.disabled = true;
    status("Sending the build.", false);
    const sent = await postJSON(url || "/api/build", data);
    if (!sent.ok) {
      const first = showErrors(errorsRoot, sent.body.errors, fallback);
      status("Build failed: " + sentence(sent.body.message || "see the fields marked"), true);
      button.disabled = false;
      if (first) first.focus();
      return sent.body;
    }
    follow(sent.body.job, button);
    return null;
  }

  // ---- a routine's page -----------------------------------------------------------------
  function routinePage(form) {
    const saved = $("#save-profile");
    const base = saved.getAttribute("href");
    let asked = 0; // the newest plan asked for: an older answer arriving late is dropped
    const refresh = async () => {
      const mine = ++asked;
      const data = fields(form);
      const query = new URLSearchParams(data);
      query.delete("slug");
      saved.href = base + "?" + query.toString();
      const sent = await postJSON("/api/plan", data);
      if (mine !== asked) return;
      showErrors(form, sent.ok ? {} : sent.body.errors, $("#error-settings"));
      if (sent.ok) showPlan(sent.body);
      else $("#plan-status").textContent = "The plan waits for the values marked.";
    };
    const later = debounce(refresh, 300);
    // The voice follows the language, as --language's default does, unless one was chosen.
    const language = $("#language");
    const voice = $("#voice");
    let spoken = language.selectedOptions[0].dataset.voice;
    language.addEventListener("change", () => {
      const next = language.selectedOptions[0].dataset.voice;
      if (voice.value === spoken && [...voice.options].some((o) => o.value === next)) voice.value = next;
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
      for (const [name, value] of Object.entries(sent.body.values)) {
        const input = document.getElementById(name);
        if (!input || input.type === "file") continue;
        if (input.type === "checkbox") input.checked = value === "true";
        else input.value = value;
      }
      fillList(notes, sent.body.notes, (li, line) => (li.textContent = line));
      refresh();
    });
  }

  // ---- a programme's page ---------------------------------------------------------------
  function programmePage(form) {
    form.addEventListener("submit", (event) => event.preventDefault());
    $("#build").addEventListener("click", () =>
      startBuild(fields(form), $("#build"), form, $("#error-settings"), "/api/build-week")
    );
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
    $("#build-draft").addEventListener("click", async () => {
      // A draft's problems go to the list, as "Check the draft" shows them.
      const failed = await startBuild({ yaml: draft.value }, $("#build-draft"), $("#draft"), null);
      problems(failed ? failed.problems : []);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const settings = $("#settings");
    if (settings) routinePage(settings);
    const article = $("#article");
    if (article) articlePage(article);
    const programme = $("#programme");
    if (programme) programmePage(programme);
  });
})();
