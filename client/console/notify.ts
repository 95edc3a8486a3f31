/** New-assignment alerts: a count in the tab title and a short chime (Web Audio, no asset to load). */
const BASE_TITLE = 'Console · Switchboard';
let audio: AudioContext | null = null;

/** Browsers allow sound only after a gesture: call this from one (the online toggle does). */
export function unlockSound(): void {
  try {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!audio && Ctor) audio = new Ctor();
    if (audio?.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

export function chime(): void {
  if (!audio || audio.state !== 'running') return;
  const now = audio.currentTime;
  for (const [i, freq] of [880, 1318.5].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, now + i * 0.12);
    gain.gain.exponentialRampToValueAtTime(0.18, now + i * 0.12 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.12 + 0.35);
    osc.connect(gain).connect(audio.destination);
    osc.start(now + i * 0.12);
    osc.stop(now + i * 0.12 + 0.4);
  }
}

export function setTitleCount(count: number): void {
  document.title = count > 0 ? `(${count}) ${BASE_TITLE}` : BASE_TITLE;
}
