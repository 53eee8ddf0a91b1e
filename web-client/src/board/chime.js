// A short, soft chime when the shared timer ends: made with WebAudio (no sound file), and one switch in the header
// to turn it off or on, remembered in this browser. By default it is on for facilitators and off for everyone else:
// in a room, the facilitator's computer chimes for all, and twenty phones chiming at once would be noise.
import { t, byId } from '../lib/page.js';
import { readString, writeString, KEYS } from '../lib/storage.js';
import { model } from './context.js';

const toggle = /** @type {HTMLButtonElement} */ (byId('chime-toggle'));
const icon = byId('chime-icon');
/** @type {AudioContext | null} */
let audio = null;

export function chimeOn() {
  const stored = readString(KEYS.chime);
  if (stored === 'on') return true;
  if (stored === 'off') return false;
  return model.isFacilitator;
}

export function renderChimeToggle() {
  const on = chimeOn();
  toggle.setAttribute('aria-pressed', String(on));
  icon.textContent = on ? '♪' : '♪̸';
  const title = t(on ? 'layout.chime.on' : 'layout.chime.off');
  if (toggle.title !== title) toggle.title = title;
}

toggle.addEventListener('click', () => {
  writeString(KEYS.chime, chimeOn() ? 'off' : 'on');
  renderChimeToggle();
  if (chimeOn()) {
    unlock();
    play();
  }
});

/** Browsers let a page make sound only after a person did something on it: prepare the audio then. */
function unlock() {
  if (!chimeOn()) return;
  try {
    const Ctx = globalThis.AudioContext || /** @type {any} */ (globalThis).webkitAudioContext;
    if (!audio && Ctx) audio = new Ctx();
    if (audio && audio.state === 'suspended') audio.resume();
  } catch {
    audio = null;
  }
}
document.addEventListener('pointerdown', unlock);
document.addEventListener('keydown', unlock);

/** Two soft notes, about a second in all. Does nothing when switched off or when the browser allows no sound. */
export function playChime() {
  if (!chimeOn()) return false;
  unlock();
  return play();
}

function play() {
  if (!audio) return false;
  try {
    const now = audio.currentTime;
    [
      [659.25, 0],
      [880, 0.28],
    ].forEach(([freq, at]) => {
      if (!audio) return;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + at);
      gain.gain.exponentialRampToValueAtTime(0.25, now + at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.7);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + at);
      osc.stop(now + at + 0.75);
    });
    return true;
  } catch {
    return false;
  }
}
