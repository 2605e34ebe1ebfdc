"use client";

import { useEffect } from "react";

/**
 * Keyboard moderation for the newsroom's comment queue (loaded by that page
 * only; reader pages never carry it): j / k move between comments, a / s / d
 * approve, mark as spam or delete the current one. Each key presses the
 * comment's own button through fetch, so the queue moves on without a
 * reload; without JavaScript the same buttons submit the form.
 */
export function QueueKeys({ statusId }: { statusId: string }) {
  useEffect(() => {
    let current = -1;
    const say = (text: string) => {
      const region = document.getElementById(statusId);
      if (region) region.textContent = text;
    };
    const items = () => [...document.querySelectorAll<HTMLElement>("[data-queue-item]")].filter((el) => !el.hidden);
    const focus = (i: number) => {
      const list = items();
      if (list.length === 0) return;
      current = Math.max(0, Math.min(i, list.length - 1));
      for (const el of list) el.classList.remove("is-current");
      list[current].classList.add("is-current");
      list[current].focus();
    };
    const act = async (key: string) => {
      const list = items();
      const item = list[current];
      const button = item?.querySelector<HTMLButtonElement>(`button[data-key="${key}"]`);
      if (!item || !button) return;
      const res = await fetch("/api/newsroom/comments", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ single: button.value }),
      }).catch(() => undefined);
      const body = (await res?.json().catch(() => ({}))) as { notice?: string; error?: string } | undefined;
      if (!res?.ok) return say(body?.error ?? "That did not work; try the button instead.");
      item.hidden = true;
      const left = items().length;
      say(`${body?.notice ?? "Done"}. ${left === 0 ? "Nothing left on this page." : `${left} left on this page.`}`);
      if (left > 0) focus(Math.min(current, left - 1));
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable], details[open] form")) return;
      if (event.key === "j") focus(current + 1);
      else if (event.key === "k") focus(current - 1);
      else if (event.key === "a" || event.key === "s" || event.key === "d") {
        if (current < 0) focus(0);
        void act(event.key);
      } else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [statusId]);
  return null;
}
