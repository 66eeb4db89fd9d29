// The new-message sound: two short sine notes made with WebAudio, so there is no audio file to
// load. Browsers let a page start audio only after the person has interacted with it, so the
// audio context is created (or resumed) on their first key or pointer press.

export interface Chime {
  play(): void;
}

type AudioContextClass = typeof AudioContext;

export function createChime(win: Window): Chime {
  const Context = (win as Window & { AudioContext?: AudioContextClass }).AudioContext;
  if (!Context) return { play: () => {} };
  let context: AudioContext | null = null;

  const unlock = () => {
    try {
      context ??= new Context();
      if (context.state === 'suspended') void context.resume().catch(() => undefined);
    } catch {
      // No audio output: stay silent.
    }
  };
  for (const type of ['pointerdown', 'keydown'] as const)
    win.addEventListener(type, unlock, { capture: true });

  const note = (audio: AudioContext, frequency: number, start: number, length: number) => {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    // A fast attack and an exponential decay: a soft "ding", not a click or a beep.
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.15, start + 0.012);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(start + length + 0.02);
  };

  return {
    play() {
      if (context?.state !== 'running') return;
      const now = context.currentTime;
      note(context, 880, now, 0.16);
      note(context, 1318.5, now + 0.09, 0.22);
    },
  };
}
