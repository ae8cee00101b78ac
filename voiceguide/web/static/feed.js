// A programme's podcast feed: make its episodes (the whole programme, as `program
// --feed` builds it) and follow the build. Plain JavaScript; the server does the work.
"use strict";

(function () {
  const $ = (selector) => document.querySelector(selector);

  function say(text, failed) {
    const place = $("#feed-status");
    place.textContent = text;
    place.classList.toggle("failed", Boolean(failed));
  }

  async function json(response) {
    try {
      return await response.json();
    } catch (err) {
      return { message: "the server answered " + response.status };
    }
  }

  async function refresh(slug) {
    const response = await fetch("/api/feed/" + encodeURIComponent(slug));
    const state = await json(response);
    if (response.ok) {
      say(state.ready + " of " + state.total + " episodes made.", false);
      $("#feed-progress").value = state.ready === state.total ? 1 : 0;
    }
  }

  function follow(id, slug, button) {
    const bar = $("#feed-progress");
    const poll = async () => {
      let job;
      try {
        const response = await fetch("/api/jobs/" + id);
        job = await json(response);
        if (!response.ok) throw new Error(job.message || "the server lost the build");
      } catch (err) {
        say("Could not make the episodes: " + err.message + ".", true);
        button.disabled = false;
        return;
      }
      if (job.state === "done") {
        button.disabled = false;
        await refresh(slug);
      } else if (job.state === "failed") {
        say("Could not make the episodes: " + job.message, true);
        button.disabled = false;
      } else {
        if (job.total > 0) {
          bar.max = job.total;
          bar.value = job.done;
        } else {
          bar.removeAttribute("value");
        }
        say("Making the episodes: " + job.stage + (job.total ? " " + job.done + " of " + job.total : "") + ".", false);
        setTimeout(poll, 500);
      }
    };
    poll();
  }

  document.addEventListener("DOMContentLoaded", () => {
    const section = $("#feed");
    if (!section) return;
    const slug = section.dataset.slug;
    const button = $("#feed-build");
    button.addEventListener("click", async () => {
      button.disabled = true;
      $("#error-feed").hidden = true;
      say("Sending the build.", false);
      let response;
      try {
        response = await fetch("/api/feed", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ slug: slug }),
        });
      } catch (err) {
        say("The server cannot be reached; is it still running?", true);
        button.disabled = false;
        return;
      }
      const body = await json(response);
      if (!response.ok) {
        const error = $("#error-feed");
        error.textContent = body.message || "the build was refused";
        error.hidden = false;
        say("Not started.", true);
        button.disabled = false;
        return;
      }
      follow(body.job, slug, button);
    });
  });
})();
