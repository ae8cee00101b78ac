// voiceguide's track page: follow along with the audio. Everything shown comes from the
// track's own timeline (its .json beside the MP3), read at the player's current time, so
// it cannot disagree with what is heard. Plain JavaScript.
"use strict";

(function () {
  const $ = (selector) => document.querySelector(selector);
  // What a window is called on the big countdown.
  const KINDS = { prepare: "Get ready", hold: "Hold", rep: "Rep", reps: "Reps", relax: "Relax", rest: "Rest" };
  const SKIP = 15; // seconds back or forward
  const RESTART = 3; // seconds into an exercise after which "previous" restarts it
  const PLAY_SIGN = "M7 4v16l13-8z";
  const PAUSE_SIGN = "M6 4h4v16H6zM14 4h4v16h-4z";

  function at(seconds) {
    const whole = Math.max(0, Math.floor(seconds));
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const secs = String(whole % 60).padStart(2, "0");
    return hours ? hours + ":" + String(minutes).padStart(2, "0") + ":" + secs : minutes + ":" + secs;
  }

  function length(seconds) {
    const whole = Math.max(0, Math.round(seconds));
    const minutes = Math.floor(whole / 60);
    const secs = whole % 60;
    if (!minutes) return secs + " s";
    return secs ? minutes + " min " + secs + " s" : minutes + " min";
  }

  // The state of the session at `t` seconds, read from the timeline alone.
  function stateAt(timeline, t) {
    const events = timeline.events;
    const chapters = timeline.chapters || [];
    let chapter = -1;
    chapters.forEach((c, index) => {
      if (c.start <= t) chapter = index;
    });
    let current = null;
    let line = null;
    let exercise = null;
    for (const e of events) {
      if (e.start > t) break;
      if (e.exercise !== undefined) exercise = e.exercise;
      if (e.kind === "speech") line = e;
      else if (KINDS[e.kind] && t < e.end) current = e;
    }
    // The next window after this one, and the next exercise after this one's.
    let next = null;
    let nextExercise = null;
    const from = current ? current.end : t;
    for (const e of events) {
      if (e.start < from - 1e-6 || !KINDS[e.kind] || e.kind === "prepare" || e.kind === "relax") continue;
      if (!next) next = e;
      if (e.exercise && e.exercise !== exercise) {
        nextExercise = e.exercise;
        break;
      }
    }
    const name = exercise || (chapter >= 0 ? chapters[chapter].title : timeline.title);
    return {
      chapter: chapter,
      exercise: name,
      window: current,
      remaining: current ? current.end - t : null,
      line: line,
      speaking: Boolean(line && t < line.end),
      next: next,
      nextExercise: nextExercise,
    };
  }

  function nextText(state) {
    const parts = [];
    if (state.next && state.next.exercise === state.exercise) {
      parts.push("Then: " + KINDS[state.next.kind].toLowerCase() + ", " + length(state.next.end - state.next.start));
    }
    if (state.nextExercise) parts.push("Next exercise: " + state.nextExercise);
    else if (!state.next) parts.push("Next: the end");
    return parts.join(" · ");
  }

  function setUp(root) {
    const audio = $("#player");
    const play = $("#play");
    const chapters = [...document.querySelectorAll("#chapters button[data-start]")];
    const starts = chapters.map((b) => Number(b.dataset.start));
    let timeline = null;
    let exercises = []; // the session's exercises, in order
    let shown = {};

    function show(text, selector) {
      if (shown[selector] === text) return;
      shown[selector] = text;
      $(selector).textContent = text;
    }

    function render() {
      const t = audio.currentTime;
      show(at(t), "#position");
      if (!timeline) return;
      const state = stateAt(timeline, t);
      root.dataset.exercise = state.exercise;
      show(state.exercise, "#now-exercise");
      // Which exercise of how many, and what the window's own label adds to its name
      // ("left side", "set 1 of 2", "rep 2").
      let step = "";
      const number = exercises.indexOf(state.exercise);
      if (number >= 0) step = "Exercise " + (number + 1) + " of " + exercises.length;
      if (state.window && state.window.kind !== "rest") {
        const extra = state.window.text.startsWith(state.exercise)
          ? state.window.text.slice(state.exercise.length).replace(/^[\s,(]+|\)$/g, "")
          : state.window.text;
        if (extra) step += (step ? " · " : "") + extra;
      }
      show(step, "#now-step");
      show(state.window ? KINDS[state.window.kind] : "", "#countdown-kind");
      const remaining = state.remaining === null ? "" : String(Math.ceil(state.remaining - 1e-3));
      show(remaining, "#countdown-seconds");
      $("#countdown").dataset.seconds = state.remaining === null ? "" : state.remaining.toFixed(2);
      show(state.line ? state.line.text : "", "#now-line");
      $("#now-line").classList.toggle("said", !state.speaking);
      show(nextText(state), "#now-next");
      chapters.forEach((button, index) => {
        if (index === state.chapter) button.setAttribute("aria-current", "true");
        else button.removeAttribute("aria-current");
      });
      if (shown.told !== state.exercise) {
        shown.told = state.exercise;
        // Said to a screen reader once per exercise, never every second.
        if (!audio.paused) $("#now-told").textContent = state.exercise;
        if ("mediaSession" in navigator && window.MediaMetadata) {
          navigator.mediaSession.metadata = new MediaMetadata({
            title: state.exercise,
            artist: root.dataset.title,
            album: "voiceguide",
            artwork: [
              { src: "/static/icons/icon-192.png", sizes: "192x192", type: "image/png" },
              { src: "/static/icons/icon-512.png", sizes: "512x512", type: "image/png" },
            ],
          });
        }
      }
    }

    function loop() {
      render();
      if (!audio.paused) requestAnimationFrame(loop);
    }

    function seek(seconds) {
      const end = Number.isFinite(audio.duration) ? audio.duration : Number(root.dataset.seconds);
      audio.currentTime = Math.min(Math.max(0, seconds), Math.max(0, end - 0.05));
      render();
    }

    function chapterNow() {
      let index = -1;
      starts.forEach((start, i) => {
        if (start <= audio.currentTime + 1e-3) index = i;
      });
      return index;
    }

    const previous = () => {
      const index = chapterNow();
      if (index < 0) return seek(0);
      const back = audio.currentTime - starts[index] > RESTART || index === 0 ? index : index - 1;
      seek(starts[back]);
    };
    const next = () => {
      const index = chapterNow();
      if (index + 1 < starts.length) seek(starts[index + 1]);
    };
    const toggle = () => (audio.paused ? audio.play().catch(() => {}) : audio.pause());

    function showPlaying() {
      const playing = !audio.paused;
      play.querySelector(".word").textContent = playing ? "Pause" : "Play";
      play.querySelector(".sign path").setAttribute("d", playing ? PAUSE_SIGN : PLAY_SIGN);
      if ("mediaSession" in navigator) navigator.mediaSession.playbackState = playing ? "playing" : "paused";
      if (playing) requestAnimationFrame(loop);
    }

    play.addEventListener("click", toggle);
    $("#back-15").addEventListener("click", () => seek(audio.currentTime - SKIP));
    $("#forward-15").addEventListener("click", () => seek(audio.currentTime + SKIP));
    $("#prev-exercise").addEventListener("click", previous);
    $("#next-exercise").addEventListener("click", next);
    $("#chapters").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-start]");
      if (!button) return;
      seek(Number(button.dataset.start));
      audio.play().catch(() => {});
    });
    audio.addEventListener("play", showPlaying);
    audio.addEventListener("pause", showPlaying);
    audio.addEventListener("seeked", render);
    audio.addEventListener("timeupdate", render);
    audio.addEventListener("loadedmetadata", () => {
      $("#duration").textContent = at(audio.duration);
      updatePosition();
    });

    function updatePosition() {
      if (!("mediaSession" in navigator) || !navigator.mediaSession.setPositionState) return;
      if (!Number.isFinite(audio.duration)) return;
      try {
        navigator.mediaSession.setPositionState({
          duration: audio.duration,
          playbackRate: audio.playbackRate,
          position: Math.min(audio.currentTime, audio.duration),
        });
      } catch (err) {
        // A position the browser refuses changes nothing that is heard.
      }
    }

    if ("mediaSession" in navigator) {
      const actions = {
        play: () => audio.play().catch(() => {}),
        pause: () => audio.pause(),
        seekbackward: (details) => seek(audio.currentTime - ((details && details.seekOffset) || SKIP)),
        seekforward: (details) => seek(audio.currentTime + ((details && details.seekOffset) || SKIP)),
        previoustrack: previous,
        nexttrack: next,
        seekto: (details) => seek(details.seekTime),
      };
      for (const [action, handler] of Object.entries(actions)) {
        try {
          navigator.mediaSession.setActionHandler(action, handler);
        } catch (err) {
          // An action this browser does not know: the buttons on the page still do it.
        }
      }
      audio.addEventListener("seeked", updatePosition);
    }

    fetch(root.dataset.timeline)
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((data) => {
        data.events.sort((a, b) => a.start - b.start);
        exercises = [...new Set(data.events.map((e) => e.exercise).filter(Boolean))];
        timeline = data;
        root.dataset.ready = "true";
        render();
      })
      .catch(() => {
        $("#now-step").textContent = "The follow-along view could not load this track's timeline; the audio plays all the same.";
      });
    render();
  }

  // A track still building when the page was opened: follow it, then show the track.
  function waitFor(root) {
    const bar = $("#build-progress");
    const poll = async () => {
      try {
        const response = await fetch("/api/jobs/" + root.dataset.job);
        const job = await response.json();
        if (job.state === "done" || job.state === "failed") {
          location.reload();
          return;
        }
        if (job.total > 0 && bar) {
          bar.max = job.total;
          bar.value = job.done;
        }
      } catch (err) {
        // The server may be busy or restarting: try again.
      }
      setTimeout(poll, 1000);
    };
    if (root.dataset.building === "true") poll();
  }

  window.voiceguideFollow = { stateAt: stateAt };
  document.addEventListener("DOMContentLoaded", () => {
    const root = $("#track");
    if (root) setUp(root);
    const waiting = $("#track-waiting");
    if (waiting) waitFor(waiting);
  });
})();
