/**
 * Our own ringtone, synthesised with Web Audio so it has a volume, a chosen output device and a
 * quiet "call waiting" beep (the SDK's own incoming sound is switched off in twilio-device.ts).
 */
export interface Ringer {
  ring(): void;
  beep(): void;
  stop(): void;
  setVolume(volume: number): void;
  setDevice(deviceId: string | null): Promise<void>;
}

type SinkableAudioContext = AudioContext & { setSinkId?: (id: string) => Promise<void> };

export function createRinger(): Ringer {
  let context: SinkableAudioContext | null = null;
  let volume = 0.6;
  let deviceId: string | null = null;
  let ringTimer: ReturnType<typeof setInterval> | null = null;

  const audio = (): SinkableAudioContext => {
    context ??= new AudioContext();
    if (deviceId && context.setSinkId) context.setSinkId(deviceId).catch(() => undefined);
    return context;
  };

  // Japanese-style ring: 400 Hz tone modulated at 16 Hz, 1 s on / 2 s off.
  const burst = (frequency: number, seconds: number, gainScale: number) => {
    const ctx = audio();
    const tone = ctx.createOscillator();
    const gain = ctx.createGain();
    tone.frequency.value = frequency;
    gain.gain.value = volume * gainScale;
    tone.connect(gain).connect(ctx.destination);
    tone.start();
    tone.stop(ctx.currentTime + seconds);
  };

  return {
    ring() {
      if (ringTimer) return;
      const once = () => burst(400, 1, 0.5);
      once();
      ringTimer = setInterval(once, 3000);
    },
    beep() {
      burst(880, 0.15, 0.25);
    },
    stop() {
      if (ringTimer) clearInterval(ringTimer);
      ringTimer = null;
    },
    setVolume(next) {
      volume = Math.min(1, Math.max(0, next));
    },
    async setDevice(next) {
      deviceId = next;
      if (context?.setSinkId) await context.setSinkId(next ?? '').catch(() => undefined);
    },
  };
}
