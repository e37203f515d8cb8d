/**
 * Sound and desktop notifications, each switchable and remembered in this browser. The sound
 * is synthesised (Web Audio), so there is no asset to load or to be blocked.
 */
import { useSyncExternalStore } from 'react';

export interface NotifySettings {
  sound: boolean;
  desktop: boolean;
}

const KEY = 'huixin.notify';
const listeners = new Set<() => void>();
let current: NotifySettings = load();

function load(): NotifySettings {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    return { sound: r.sound !== false, desktop: r.desktop === true };
  } catch {
    return { sound: true, desktop: false };
  }
}

export function setNotifySettings(next: NotifySettings): void {
  current = next;
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // kept for this page only
  }
  for (const l of listeners) l();
}

export function useNotifySettings(): NotifySettings {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

let audio: AudioContext | null = null;

function beep(): void {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.25);
  } catch {
    // no audio output: the visual cue still shows
  }
}

export function notify(title: string, body: string, onClick?: () => void): void {
  if (current.sound) beep();
  if (current.desktop && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
    const n = new Notification(title, { body, tag: title });
    if (onClick) n.onclick = onClick;
  }
}
